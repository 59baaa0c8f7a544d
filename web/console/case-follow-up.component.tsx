import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import {
  CHECKIN_OUTCOMES,
  CONDITION_CHECKS,
  CONDITION_KINDS,
  INVESTIGATION_DECISIONS,
  INVESTIGATION_OUTCOMES,
  VIOLENCE_TYPES,
  type CaseAction,
  type CaseDetail,
  type CheckinOutcome,
  type ConditionCheck,
  type ConditionKind,
  type InvestigationDecision,
  type InvestigationOutcome,
  type ViolenceType,
} from './api.types.ts';
import { ActionPanel as Panel } from './action-panel.component.tsx';
import { DeadlineBadge, formatDay } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { useLoad } from './use-load.hook.ts';

const TEXT_MAX = 4000;
const NOTE_MAX = 2000;

export interface FollowUpProps {
  detail: CaseDetail;
  /** Runs a workflow step: reloads the case and announces it; answers the error text or null. */
  run: (step: CaseAction, call: () => Promise<unknown>) => Promise<string | null>;
}

/** Today's date in Amsterdam as YYYY-MM-DD (the minimum for a check date). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

export function StartInvestigationForm({ detail, run }: FollowUpProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Panel title={t('followUp.startTitle')}>
      <Paragraph>{t('followUp.startIntro')}</Paragraph>
      <FormAlert message={error} />
      <Button
        type="button"
        appearance="primary-action-button"
        busy={busy}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void run('start-investigation', () => api.startInvestigation(detail.id)).then((e) => {
            setError(e);
            setBusy(false);
          });
        }}
      >
        {t('followUp.startSubmit')}
      </Button>
    </Panel>
  );
}

const INVESTIGATED_TYPES = VIOLENCE_TYPES.filter((v): v is Exclude<ViolenceType, 'onbekend'> => v !== 'onbekend');

export function ConcludeInvestigationForm({ detail, run }: FollowUpProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [outcomes, setOutcomes] = useState<Partial<Record<ViolenceType, InvestigationOutcome>>>({});
  const [decision, setDecision] = useState<InvestigationDecision | ''>('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const given = Object.entries(outcomes).filter(([, o]) => o) as [ViolenceType, InvestigationOutcome][];
    const problems = [
      given.length === 0 ? t('followUp.outcomeRequired') : null,
      decision ? null : t('caseDetail.decisionRequired'),
      summary.trim() ? null : t('caseDetail.summaryRequired'),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0 || !decision) {
      setError(`${t('contactForm.errorSummary')} ${problems.join(' ')}`);
      return;
    }
    setBusy(true);
    const body = { outcomes: given.map(([violenceType, outcome]) => ({ violenceType, outcome })), decision, summary: summary.trim() };
    setError(await run('conclude-investigation', () => api.concludeInvestigation(detail.id, body)));
    setBusy(false);
  };

  return (
    <Panel title={t('followUp.concludeTitle')}>
      <Paragraph>{t('followUp.concludeIntro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Fieldset className="signaal-field">
          <FieldsetLegend>{t('followUp.outcomesTitle')}</FieldsetLegend>
          {INVESTIGATED_TYPES.map((type) => (
            <Field key={type} label={t(`enums.violenceType.${type}`)}>
              {(c) => (
                <Select
                  {...c}
                  name={`outcome-${type}`}
                  value={outcomes[type] ?? ''}
                  onChange={(e: ChangeEvent<HTMLSelectElement>) => setOutcomes({ ...outcomes, [type]: (e.target.value || undefined) as InvestigationOutcome | undefined })}
                >
                  <SelectOption value="">{t('followUp.notInvestigated')}</SelectOption>
                  {INVESTIGATION_OUTCOMES.map((o) => (
                    <SelectOption key={o} value={o}>
                      {t(`followUp.outcomes.${o}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
          ))}
        </Fieldset>
        <Field label={t('followUp.nextDecision')} required>
          {(c) => (
            <Select {...c} name="nextDecision" value={decision} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDecision(e.target.value as InvestigationDecision | '')}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {INVESTIGATION_DECISIONS.map((d) => (
                <SelectOption key={d} value={d}>
                  {t(`cases.decisions.${d}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('followUp.concludeSummary')} required>
          {(c) => <Textarea {...c} name="conclusion" rows={4} maxLength={TEXT_MAX} value={summary} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSummary(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('followUp.concludeSubmit')}
        </Button>
      </form>
    </Panel>
  );
}

interface ConditionRow {
  kind: ConditionKind;
  description: string;
  due: string;
  checkOn: string;
}

export function SetConditionsForm({ detail, run }: FollowUpProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const empty = (): ConditionRow => ({ kind: 'voorwaarde', description: '', due: '', checkOn: '' });
  const [rows, setRows] = useState<ConditionRow[]>([empty()]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<ConditionRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (rows.some((r) => !r.description.trim() || !r.checkOn)) {
      setError(t('followUp.conditionRequired'));
      return;
    }
    setBusy(true);
    const items = rows.map((r) => ({ kind: r.kind, description: r.description.trim(), due: r.due || null, checkOn: r.checkOn }));
    setError(await run('set-conditions', () => api.setConditions(detail.id, items)));
    setBusy(false);
  };

  return (
    <Panel title={t('followUp.setConditionsTitle')}>
      <Paragraph>{t('followUp.setConditionsIntro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        {rows.map((row, i) => (
          <Fieldset key={i} className="signaal-field signaal-condition-row">
            <FieldsetLegend>{t('followUp.row', { n: i + 1 })}</FieldsetLegend>
            <Field label={t('followUp.kind')} required>
              {(c) => (
                <Select {...c} name={`kind-${i}`} value={row.kind} onChange={(e: ChangeEvent<HTMLSelectElement>) => update(i, { kind: e.target.value as ConditionKind })}>
                  {CONDITION_KINDS.map((k) => (
                    <SelectOption key={k} value={k}>
                      {t(`followUp.kinds.${k}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('followUp.description')} required>
              {(c) => <Textarea {...c} name={`description-${i}`} rows={2} maxLength={NOTE_MAX} value={row.description} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => update(i, { description: e.target.value })} />}
            </Field>
            <Field label={t('followUp.conditionDue')}>
              {(c) => <Textbox {...c} type="date" name={`due-${i}`} value={row.due} onChange={(e: ChangeEvent<HTMLInputElement>) => update(i, { due: e.target.value })} />}
            </Field>
            <Field label={t('followUp.checkOn')} required>
              {(c) => <Textbox {...c} type="date" min={today()} name={`checkOn-${i}`} value={row.checkOn} onChange={(e: ChangeEvent<HTMLInputElement>) => update(i, { checkOn: e.target.value })} />}
            </Field>
            {rows.length > 1 ? (
              <Button type="button" appearance="subtle-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('followUp.removeRow', { n: i + 1 })}
              </Button>
            ) : null}
          </Fieldset>
        ))}
        <ButtonGroup>
          {rows.length < 20 ? (
            <Button type="button" appearance="secondary-action-button" onClick={() => setRows([...rows, empty()])}>
              {t('followUp.addRow')}
            </Button>
          ) : null}
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('followUp.setConditionsSubmit')}
          </Button>
        </ButtonGroup>
      </form>
    </Panel>
  );
}

export function HandOverForm({ detail, run }: FollowUpProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const partners = useLoad(() => api.casePartners(), []);
  const contact = useLoad(() => api.contact(detail.id), [detail.id]);
  const [organisationId, setOrganisationId] = useState('');
  const [message, setMessage] = useState('');
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [includeReporter, setIncludeReporter] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reporterShareable = contact.data?.reporterShareable ?? false;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problems = [organisationId ? null : t('followUp.partnerRequired'), message.trim() ? null : t('followUp.messageRequired')].filter((p): p is string => p !== null);
    if (problems.length > 0) {
      setError(`${t('contactForm.errorSummary')} ${problems.join(' ')}`);
      return;
    }
    setBusy(true);
    setError(await run('hand-over', () => api.handOver(detail.id, { organisationId, message: message.trim(), personIds, includeReporter: reporterShareable && includeReporter })));
    setBusy(false);
  };

  const persons = contact.data?.persons ?? [];
  return (
    <Panel title={t('followUp.handOverTitle')}>
      <Paragraph>{t('followUp.handOverIntro')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error ?? (partners.error ? errorText(t, partners.error) : contact.error ? errorText(t, contact.error) : null)} />
        <Field label={t('followUp.partner')} required>
          {(c) => (
            <Select {...c} name="partner" value={organisationId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setOrganisationId(e.target.value)}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {(partners.data?.items ?? []).map((p) => (
                <SelectOption key={p.id} value={p.id}>
                  {`${p.name} (${t(`partnerOrgs.types.${p.partnerType}`)})`}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('followUp.message')} description={t('followUp.messageHint')} required>
          {(c) => <Textarea {...c} name="handoverMessage" rows={5} maxLength={TEXT_MAX} value={message} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setMessage(e.target.value)} />}
        </Field>
        <Fieldset className="signaal-field">
          <FieldsetLegend>{t('followUp.persons')}</FieldsetLegend>
          {persons.length === 0 ? <Paragraph>{t('followUp.noPersons')}</Paragraph> : null}
          {persons.map((p) => (
            <FormField type="checkbox" key={p.id} className="signaal-checkbox">
              <Checkbox
                id={`handover-person-${p.id}`}
                name="persons"
                value={p.id}
                checked={personIds.includes(p.id)}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setPersonIds(e.target.checked ? [...personIds, p.id] : personIds.filter((x) => x !== p.id))}
              />
              <FormLabel htmlFor={`handover-person-${p.id}`} type="checkbox">
                {`${p.name} (${t(`enums.personRole.${p.role}`, { defaultValue: p.role })})`}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>
        {reporterShareable ? (
          <FormField type="checkbox" className="signaal-checkbox">
            <Checkbox id="handover-reporter" name="includeReporter" checked={includeReporter} onChange={(e: ChangeEvent<HTMLInputElement>) => setIncludeReporter(e.target.checked)} />
            <FormLabel htmlFor="handover-reporter" type="checkbox">
              {t('followUp.includeReporter')}
            </FormLabel>
          </FormField>
        ) : contact.data ? (
          <Paragraph>{t('followUp.reporterProtected')}</Paragraph>
        ) : null}
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('followUp.handOverSubmit')}
        </Button>
      </form>
    </Panel>
  );
}

/** Which follow-up forms the allowed steps call for. */
export function FollowUpActions({ detail, run, allowed }: FollowUpProps & { allowed: Set<CaseAction> }) {
  return (
    <>
      {allowed.has('start-investigation') ? <StartInvestigationForm key={`start-${detail.timeline.length}`} detail={detail} run={run} /> : null}
      {allowed.has('conclude-investigation') ? <ConcludeInvestigationForm key={`conclude-${detail.timeline.length}`} detail={detail} run={run} /> : null}
      {allowed.has('set-conditions') ? <SetConditionsForm key={`conditions-${detail.timeline.length}`} detail={detail} run={run} /> : null}
      {allowed.has('hand-over') ? <HandOverForm key={`handover-${detail.timeline.length}`} detail={detail} run={run} /> : null}
    </>
  );
}

/** A small form on one open item (condition check, check-in): a choice, a note, a button. */
function ItemForm<V extends string>({
  name,
  legend,
  options,
  optionText,
  noteLabel,
  submit,
  required,
  onSubmit,
}: {
  name: string;
  legend: string;
  options: readonly V[];
  optionText: (v: V) => string;
  noteLabel: string;
  submit: string;
  required: string;
  onSubmit: (value: V, note: string) => Promise<string | null>;
}) {
  const [value, setValue] = useState<V | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submitForm = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!value) {
      setError(required);
      return;
    }
    setBusy(true);
    setError(await onSubmit(value, note.trim()));
    setBusy(false);
  };
  return (
    <form onSubmit={(e) => void submitForm(e)} noValidate className="signaal-form">
      <FormAlert message={error} />
      <Field label={legend} required>
        {(c) => (
          <Select {...c} name={`${name}-value`} value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => setValue(e.target.value as V | '')}>
            <SelectOption value="">…</SelectOption>
            {options.map((o) => (
              <SelectOption key={o} value={o}>
                {optionText(o)}
              </SelectOption>
            ))}
          </Select>
        )}
      </Field>
      <Field label={noteLabel}>
        {(c) => <Textarea {...c} name={`${name}-note`} rows={2} maxLength={NOTE_MAX} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />}
      </Field>
      <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
        {submit}
      </Button>
    </form>
  );
}

/**
 * The follow-up of a decided melding: investigation, conditions with their checks, handovers and
 * the partner's answers, monitoring check-ins. `onChanged` reloads the case and announces it.
 */
export function FollowUpSections({ detail, onChanged }: { detail: CaseDetail; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const lang = i18n.language;
  const handles = can('cases:handle') && detail.state !== 'closed';
  const act = async (call: () => Promise<unknown>, done: string): Promise<string | null> => {
    try {
      await call();
    } catch (err) {
      return refusalText(t, err);
    }
    onChanged(done);
    return null;
  };

  return (
    <>
      {detail.monitoringSignalAt && detail.state === 'monitoring' ? (
        <Alert type="warning" className="signaal-alert">
          <Paragraph>{t('followUp.monitoringSignal', { date: formatDateTime(detail.monitoringSignalAt, lang) })}</Paragraph>
        </Alert>
      ) : null}

      {detail.investigation ? (
        <section aria-labelledby="case-investigation" className="signaal-section">
          <Heading2 id="case-investigation">{t('followUp.investigationTitle')}</Heading2>
          <Paragraph>
            {t('followUp.startedAt')}: {formatDay(detail.investigation.startedAt, lang)}. {t('followUp.due')}: {formatDay(detail.investigation.due, lang)}{' '}
            <DeadlineBadge state={detail.investigation.deadline} />
          </Paragraph>
          {detail.investigation.outcomes.length > 0 ? (
            <UnorderedList>
              {detail.investigation.outcomes.map((o) => (
                <UnorderedListItem key={o.violenceType}>
                  {t(`enums.violenceType.${o.violenceType}`)}: {t(`followUp.outcomes.${o.outcome}`)}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          ) : null}
          {detail.investigation.summary ? <Paragraph className="signaal-multiline">{detail.investigation.summary}</Paragraph> : null}
        </section>
      ) : null}

      {detail.conditions.length > 0 ? (
        <section aria-labelledby="case-conditions" className="signaal-section">
          <Heading2 id="case-conditions">{t('followUp.conditionsTitle')}</Heading2>
          {detail.conditions.map((c, i) => (
            <article key={c.id} aria-labelledby={`condition-${c.id}`} className="signaal-panel">
              <Heading3 id={`condition-${c.id}`}>{`${t(`followUp.kinds.${c.kind}`)} ${i + 1}`}</Heading3>
              <Paragraph className="signaal-multiline">{c.description}</Paragraph>
              <Paragraph>
                {c.checkResult && c.checkedAt
                  ? t('followUp.checkedOn', { date: formatDay(c.checkedAt, lang), result: t(`followUp.checks.${c.checkResult}`) })
                  : t('followUp.checkDue', { date: formatDay(c.checkOn, lang) })}{' '}
                <DeadlineBadge state={c.deadline} />
              </Paragraph>
              {c.checkNote ? <Paragraph className="signaal-multiline">{c.checkNote}</Paragraph> : null}
              {!c.checkResult && handles ? (
                <ItemForm<ConditionCheck>
                  name={`check-${i}`}
                  legend={t('followUp.checkResult')}
                  options={CONDITION_CHECKS}
                  optionText={(v) => t(`followUp.checks.${v}`)}
                  noteLabel={t('followUp.checkNote')}
                  submit={t('followUp.checkSubmit')}
                  required={t('followUp.checkRequired')}
                  onSubmit={(v, note) => act(() => api.checkCondition(detail.id, c.id, v, note), t('followUp.done.check'))}
                />
              ) : null}
            </article>
          ))}
        </section>
      ) : null}

      {detail.handovers.length > 0 ? (
        <section aria-labelledby="case-handovers" className="signaal-section">
          <Heading2 id="case-handovers">{t('followUp.handoverTitle')}</Heading2>
          {detail.handovers.map((h) => (
            <article key={h.id} aria-labelledby={`handover-${h.id}`} className="signaal-panel">
              <Heading3 id={`handover-${h.id}`}>{t('followUp.sentTo', { name: h.organisation.name })}</Heading3>
              <Paragraph>
                {t('followUp.sentAt')}: {formatDateTime(h.sentAt, lang)}
                {h.sentBy ? ` (${h.sentBy})` : ''}. {t('followUp.status')}: <strong>{t(`followUp.statuses.${h.status}`)}</strong>
                {h.respondedAt ? ` (${formatDateTime(h.respondedAt, lang)})` : ''}
              </Paragraph>
              <Paragraph>
                {t('followUp.handedOver')}: {t('followUp.handedPersons', { count: h.content.persons.length })}
                {h.content.reporter ? `, ${t('followUp.handedReporter')}` : ''}
              </Paragraph>
              {h.declineReason ? (
                <Paragraph>
                  {t('followUp.declineReason')}: {h.declineReason}
                </Paragraph>
              ) : null}
              {h.feedback ? (
                <Paragraph className="signaal-multiline">
                  {t('followUp.feedback')}: {h.feedback}
                </Paragraph>
              ) : null}
            </article>
          ))}
        </section>
      ) : null}

      {detail.checkins.length > 0 ? (
        <section aria-labelledby="case-monitoring" className="signaal-section">
          <Heading2 id="case-monitoring">{t('followUp.monitoringTitle')}</Heading2>
          <Paragraph>{t('followUp.monitoringIntro')}</Paragraph>
          {detail.checkins.map((k, i) => (
            <article key={k.id} aria-labelledby={`checkin-${k.id}`} className="signaal-panel">
              <Heading3 id={`checkin-${k.id}`}>
                {k.outcome && k.doneAt
                  ? t('followUp.checkinDone', { date: formatDay(k.doneAt, lang), outcome: t(`followUp.checkinOutcomes.${k.outcome}`) })
                  : t('followUp.checkinDue', { date: formatDay(k.due, lang) })}
              </Heading3>
              <Paragraph>
                <DeadlineBadge state={k.deadline} />
                {k.doneBy ? ` ${t('caseDetail.by', { name: k.doneBy })}` : ''}
              </Paragraph>
              {k.note ? <Paragraph className="signaal-multiline">{k.note}</Paragraph> : null}
              {/* Only the first open check-in gets a form: they are done in order. */}
              {!k.outcome && handles && detail.state === 'monitoring' && detail.checkins.findIndex((x) => !x.outcome) === i ? (
                <ItemForm<CheckinOutcome>
                  name={`checkin-${i}`}
                  legend={t('followUp.checkinOutcome')}
                  options={CHECKIN_OUTCOMES}
                  optionText={(v) => t(`followUp.checkinOutcomes.${v}`)}
                  noteLabel={t('followUp.checkinNote')}
                  submit={t('followUp.checkinSubmit')}
                  required={t('followUp.checkinRequired')}
                  onSubmit={(v, note) => act(() => api.recordCheckin(detail.id, k.id, v, note), t('followUp.done.checkin'))}
                />
              ) : null}
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
