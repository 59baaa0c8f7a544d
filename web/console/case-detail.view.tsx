import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import {
  CASE_DECISIONS,
  CLOSE_REASONS,
  type CaseAction,
  type CaseDecision,
  type CaseDetail,
  type CloseReason,
} from './api.types.ts';
import { ActionPanel } from './action-panel.component.tsx';
import { CaseTasks } from './case-tasks.component.tsx';
import { FollowUpActions, FollowUpSections } from './case-follow-up.component.tsx';
import { CaseMeasures } from './measures.component.tsx';
import { CaseMda } from './mda.component.tsx';
import { CaseSubjectRequests } from './subject-requests.component.tsx';
import { AcuteMarker, DeadlineBadge, formatDue } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { BreakGlassForm, CaseRestriction } from './restriction.component.tsx';
import { useLoad } from './use-load.hook.ts';

const SUMMARY_MAX = 4000;
const NOTE_MAX = 2000;

/** A refused step (409) or unknown assignee (400) carries a Dutch message meant for the user. */
function stepErrorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && (err.status === 409 || err.code === 'unknown_assignee') && err.message) return err.message;
  return errorText(t, err);
}

interface ActionProps {
  detail: CaseDetail;
  /** Runs the step; reloads the detail and announces the result when it succeeded. */
  run: (step: CaseAction, call: () => Promise<unknown>) => Promise<string | null>;
}

function AssignForm({ detail, run }: ActionProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const assignees = useLoad(() => api.caseAssignees(), []);
  const [userId, setUserId] = useState(detail.assignedTo?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!userId) {
      setError(t('caseDetail.assigneeRequired'));
      return;
    }
    setBusy(true);
    setError(await run('assign', () => api.assignCase(detail.id, userId)));
    setBusy(false);
  };

  return (
    <ActionPanel title={t('caseDetail.assignTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error ?? (assignees.error ? errorText(t, assignees.error) : null)} />
        <Field label={t('caseDetail.assignee')} required>
          {(c) => (
            <Select {...c} name="assignee" value={userId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setUserId(e.target.value)}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {(assignees.data?.items ?? []).map((u) => (
                <SelectOption key={u.id} value={u.id}>
                  {`${u.displayName} (${t(`roles.${u.role}`, { defaultValue: u.role })})`}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('caseDetail.assignSubmit')}
        </Button>
      </form>
    </ActionPanel>
  );
}

function YesNo({ legend, name, value, onChange }: { legend: string; name: string; value: boolean | null; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Fieldset className="signaal-field">
      <FieldsetLegend>
        {legend}
        <span aria-hidden="true"> *</span>
      </FieldsetLegend>
      <div className="signaal-yes-no">
        {([true, false] as const).map((option) => {
          const optionId = `${id}-${option ? 'yes' : 'no'}`;
          return (
            <FormField type="radio" key={optionId} className="signaal-radio">
              <RadioButton id={optionId} name={name} value={option ? 'yes' : 'no'} required checked={value === option} onChange={() => onChange(option)} />
              <FormLabel htmlFor={optionId} type="radio">
                {t(option ? 'caseDetail.yes' : 'caseDetail.no')}
              </FormLabel>
            </FormField>
          );
        })}
      </div>
    </Fieldset>
  );
}

function AssessForm({ detail, run }: ActionProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [acuteUnsafety, setAcute] = useState<boolean | null>(null);
  const [structuralUnsafety, setStructural] = useState<boolean | null>(null);
  const [decision, setDecision] = useState<CaseDecision | ''>('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problems = [
      acuteUnsafety === null || structuralUnsafety === null ? t('caseDetail.answerRequired') : null,
      decision ? null : t('caseDetail.decisionRequired'),
      summary.trim() ? null : t('caseDetail.summaryRequired'),
    ].filter((p): p is string => p !== null);
    if (problems.length > 0 || acuteUnsafety === null || structuralUnsafety === null || !decision) {
      setError(`${t('contactForm.errorSummary')} ${problems.join(' ')}`);
      return;
    }
    setBusy(true);
    setError(
      await run('assess', () => api.assessCase(detail.id, { acuteUnsafety, structuralUnsafety, decision, summary: summary.trim() })),
    );
    setBusy(false);
  };

  return (
    <ActionPanel title={t('caseDetail.assessTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <YesNo legend={t('caseDetail.acuteQuestion')} name="acuteUnsafety" value={acuteUnsafety} onChange={setAcute} />
        <YesNo legend={t('caseDetail.structuralQuestion')} name="structuralUnsafety" value={structuralUnsafety} onChange={setStructural} />
        <Field label={t('caseDetail.decisionLabel')} description={t('caseDetail.decisionHint')} required>
          {(c) => (
            <Select {...c} name="decision" value={decision} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDecision(e.target.value as CaseDecision | '')}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {CASE_DECISIONS.map((d) => (
                <SelectOption key={d} value={d}>
                  {t(`cases.decisions.${d}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('caseDetail.summaryLabel')} description={t('caseDetail.summaryHint')} required>
          {(c) => (
            <Textarea {...c} name="summary" rows={5} maxLength={SUMMARY_MAX} value={summary} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSummary(e.target.value)} />
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('caseDetail.assessSubmit')}
        </Button>
      </form>
    </ActionPanel>
  );
}

function ApproveForm({ detail, run, canApprove, canReject }: ActionProps & { canApprove: boolean; canReject: boolean }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const approve = async (): Promise<void> => {
    setBusy(true);
    setError(await run('approve', () => api.approveCase(detail.id)));
    setBusy(false);
  };
  const onReject = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('caseDetail.rejectReasonRequired'));
      return;
    }
    setBusy(true);
    setError(await run('reject', () => api.rejectCase(detail.id, reason.trim())));
    setBusy(false);
  };

  return (
    <ActionPanel title={t('caseDetail.approveTitle')}>
      <Paragraph>{t('caseDetail.approveIntro')}</Paragraph>
      <FormAlert message={error} />
      {canApprove ? (
        <ButtonGroup>
          <Button type="button" appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void approve()}>
            {t('caseDetail.approveSubmit')}
          </Button>
        </ButtonGroup>
      ) : null}
      {canReject ? (
        <form onSubmit={(e) => void onReject(e)} noValidate className="signaal-form">
          <Field label={t('caseDetail.rejectReason')} required>
            {(c) => (
              <Textarea {...c} name="rejectReason" rows={3} maxLength={NOTE_MAX} value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
            )}
          </Field>
          <Button type="submit" appearance="secondary-action-button" disabled={busy}>
            {t('caseDetail.rejectSubmit')}
          </Button>
        </form>
      ) : null}
    </ActionPanel>
  );
}

function CloseForm({ detail, run }: ActionProps) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!reason) {
      setError(t('caseDetail.closeReasonRequired'));
      return;
    }
    setBusy(true);
    setError(await run('close', () => api.closeCase(detail.id, reason, note.trim())));
    setBusy(false);
  };

  return (
    <ActionPanel title={t('caseDetail.closeTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('caseDetail.closeReasonLabel')} required>
          {(c) => (
            <Select {...c} name="closeReason" value={reason} onChange={(e: ChangeEvent<HTMLSelectElement>) => setReason(e.target.value as CloseReason | '')}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {CLOSE_REASONS.map((r) => (
                <SelectOption key={r} value={r}>
                  {t(`cases.closeReasons.${r}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('caseDetail.closeNote')} description={t('caseDetail.closeNoteHint')}>
          {(c) => <Textarea {...c} name="closeNote" rows={3} maxLength={NOTE_MAX} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('caseDetail.closeSubmit')}
        </Button>
      </form>
    </ActionPanel>
  );
}

function Facts({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const rows: [string, ReactNode][] = [
    [t('cases.receivedAt'), formatDateTime(detail.receivedAt, i18n.language)],
    [t('cases.acute'), detail.acute ? <AcuteMarker acute /> : t('caseDetail.no')],
    [t('cases.municipality'), detail.municipalityName ?? none],
    [t('cases.violenceType'), detail.violenceType ? t(`enums.violenceType.${detail.violenceType}`, { defaultValue: detail.violenceType }) : none],
    [t('cases.state'), t(`cases.states.${detail.state}`)],
    [t('cases.assignedTo'), detail.assignedTo?.displayName ?? t('cases.unassigned')],
    [t('cases.deadline'), formatDue(detail, i18n.language)],
    [t('cases.deadlineStatus'), <DeadlineBadge key="deadline" state={detail.deadline} />],
  ];
  return <KeyValues rows={rows} />;
}

function KeyValues({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <DataList className="signaal-data-list">
      {rows.map(([key, value]) => (
        <DataListItem key={key}>
          <DataListKey>{key}</DataListKey>
          <DataListValue>{value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

function Assessment({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const yesNo = (v: boolean | null): string => (v === null ? t('common.none') : t(v ? 'caseDetail.yes' : 'caseDetail.no'));
  const rows: [string, ReactNode][] = [];
  if (detail.acuteUnsafety !== null) rows.push([t('caseDetail.acuteUnsafety'), yesNo(detail.acuteUnsafety)]);
  if (detail.structuralUnsafety !== null) rows.push([t('caseDetail.structuralUnsafety'), yesNo(detail.structuralUnsafety)]);
  if (detail.decision) rows.push([t('caseDetail.decision'), t(`cases.decisions.${detail.decision}`, { defaultValue: detail.decision })]);
  if (detail.assessmentSummary) rows.push([t('caseDetail.summary'), <span key="summary" className="signaal-multiline">{detail.assessmentSummary}</span>]);
  if (detail.closeReason) rows.push([t('caseDetail.closeReason'), t(`cases.closeReasons.${detail.closeReason}`, { defaultValue: detail.closeReason })]);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="case-assessment" className="signaal-section">
      <Heading2 id="case-assessment">{t('caseDetail.assessmentTitle')}</Heading2>
      <KeyValues rows={rows} />
    </section>
  );
}

/** The translated meaning of a step's code or subject (the server sends codes, not sentences). */
function timelineDetail(entry: CaseDetail['timeline'][number], t: (key: string, opts?: Record<string, unknown>) => string): string | null {
  if (entry.step === 'assign' && entry.subject) return t('caseDetail.timelineAssigned', { name: entry.subject });
  if (entry.step === 'register' && entry.code === 'acute') return t('caseDetail.timelineAcute');
  if (entry.step === 'assess' && entry.code) return t('caseDetail.timelineDecision', { decision: t(`cases.decisions.${entry.code}`, { defaultValue: entry.code }) });
  if (entry.step.startsWith('task-') && entry.code) return t(`caseTasks.kinds.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'conclude-investigation' && entry.code) return t(`cases.decisions.${entry.code}`, { defaultValue: entry.code });
  if ((entry.step === 'hand-over' || entry.step.startsWith('handover-')) && entry.code) return t(`partnerOrgs.types.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'checkin' && entry.code) return t(`followUp.checkinOutcomes.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'restraining-order-ended' && entry.code) return t(`measures.endReasons.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'aware-decided' && entry.code) return t(`measures.awareStates.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'condition-check' && entry.code) return t(`followUp.checks.${entry.code}`, { defaultValue: entry.code });
  if (entry.step === 'close' && entry.code) return t('caseDetail.timelineReason', { reason: t(`cases.closeReasons.${entry.code}`, { defaultValue: entry.code }) });
  return null;
}

function Timeline({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="case-timeline" className="signaal-section">
      <Heading2 id="case-timeline">{t('caseDetail.timelineTitle')}</Heading2>
      <OrderedList className="signaal-timeline">
        {detail.timeline.map((entry, index) => (
          <OrderedListItem key={`${entry.step}-${entry.at}-${index}`}>
            <strong>{t(`cases.steps.${entry.step}`, { defaultValue: entry.step })}</strong>
            <span className="signaal-timeline__meta">
              {entry.by ? t('caseDetail.by', { name: entry.by }) : t('caseDetail.byUnknown')}
              {' · '}
              <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
            </span>
            {timelineDetail(entry, t) ? <span className="signaal-timeline__meta">{timelineDetail(entry, t)}</span> : null}
            {entry.note ? <span className="signaal-timeline__meta signaal-multiline">{entry.note}</span> : null}
          </OrderedListItem>
        ))}
      </OrderedList>
    </section>
  );
}

export function CaseDetailView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const { data, error, reload } = useLoad(() => api.case(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // After a step the form that was used disappears: move focus to the announcement instead.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice, data]);

  const run: ActionProps['run'] = async (step, call) => {
    setNotice(null);
    try {
      await call();
    } catch (err) {
      return stepErrorText(t, err);
    }
    setNotice(t(`caseDetail.done.${step}`));
    reload();
    return null;
  };

  const title = data ? t('caseDetail.title', { date: formatDateTime(data.receivedAt, i18n.language) }) : t('caseDetail.loadingTitle');
  const allowed = new Set(data?.allowedSteps ?? []);

  // Not found may mean "shielded from you": then the page asks for a reason to break the glass.
  if (!data && error instanceof ApiError && error.status === 404) {
    return (
      <BreakGlassForm
        caseId={id}
        onOpened={reload}
        fallback={
          <>
            <PageTitle documentTitle={title}>{title}</PageTitle>
            <FormAlert message={errorText(t, error)} />
          </>
        }
      />
    );
  }

  return (
    <>
      <PageTitle documentTitle={title}>{title}</PageTitle>
      <div ref={noticeRef} tabIndex={-1} className="signaal-focus-target">
        {notice ? (
          <Alert type="ok" role="status" className="signaal-alert">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <>
          <section aria-labelledby="case-facts" className="signaal-section">
            <Heading2 id="case-facts">{t('caseDetail.factsTitle')}</Heading2>
            <Facts detail={data} />
          </section>
          <CaseRestriction
            caseId={data.id}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
          <Assessment detail={data} />
          <section aria-labelledby="case-actions" className="signaal-section">
            <Heading2 id="case-actions">{t('caseDetail.actionsTitle')}</Heading2>
            {allowed.size === 0 ? <Paragraph>{t('caseDetail.noActions')}</Paragraph> : null}
            {/* The key makes each form start empty again after the case changed. */}
            {allowed.has('assign') ? <AssignForm key={`assign-${data.state}-${data.timeline.length}`} detail={data} run={run} /> : null}
            {allowed.has('assess') ? <AssessForm key={`assess-${data.timeline.length}`} detail={data} run={run} /> : null}
            {allowed.has('approve') || allowed.has('reject') ? (
              <ApproveForm
                key={`approve-${data.timeline.length}`}
                detail={data}
                run={run}
                canApprove={allowed.has('approve')}
                canReject={allowed.has('reject')}
              />
            ) : null}
            <FollowUpActions detail={data} run={run} allowed={allowed} />
            {allowed.has('close') ? <CloseForm key={`close-${data.timeline.length}`} detail={data} run={run} /> : null}
          </section>
          <FollowUpSections
            detail={data}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
          <CaseMeasures
            caseId={data.id}
            closed={data.state === 'closed'}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
          <CaseMda
            caseId={data.id}
            structural={data.structuralUnsafety === true}
            closed={data.state === 'closed'}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
          <CaseTasks
            detail={data}
            onChanged={(message) => {
              setNotice(message);
              reload();
            }}
          />
          {can('cases:handle') ? (
            <CaseSubjectRequests
              caseId={data.id}
              onChanged={(message) => {
                setNotice(message);
                reload();
              }}
            />
          ) : null}
          <Timeline detail={data} />
        </>
      ) : null}
      <Paragraph>
        <ConsoleLink to="/cases">{t('caseDetail.backToList')}</ConsoleLink>
      </Paragraph>
    </>
  );
}
