import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Heading2, Link, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ActionPanel as Panel } from './action-panel.component.tsx';
import { formatDay } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { useLoad } from './use-load.hook.ts';

type Kind = 'inzage' | 'correctie' | 'verwijdering';
const KINDS: readonly Kind[] = ['inzage', 'correctie', 'verwijdering'];
const FIELDS = ['name', 'birthDate', 'street', 'postcode', 'place'] as const;

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** Requests of data subjects on a case page: register, export (access), correct, decide deletion. */
export function CaseSubjectRequests({ caseId, onChanged }: { caseId: string; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const list = useLoad(() => api.subjectRequests(caseId), [caseId]);
  const [personId, setPersonId] = useState('');
  const [kind, setKind] = useState<Kind | ''>('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const changed = (message: string) => {
    list.reload();
    onChanged(message);
  };
  const onRegister = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!personId || !kind || !receivedOn) return setError(t('subjectRequests.required'));
    try {
      const r = await api.registerSubjectRequest(caseId, { personId, kind, receivedOn, note: note.trim() || null });
      setError(null);
      setPersonId('');
      setKind('');
      setNote('');
      changed(t('subjectRequests.registered', { due: formatDay(r.dueOn, i18n.language) }));
    } catch (err) {
      setError(refusalText(t, err));
    }
  };

  return (
    <section aria-labelledby="case-subject-requests" className="signaal-section">
      <Heading2 id="case-subject-requests">{t('subjectRequests.title')}</Heading2>
      <Paragraph>{t('subjectRequests.intro')}</Paragraph>
      <FormAlert message={list.error ? errorText(t, list.error) : null} />
      {list.data && list.data.items.length === 0 ? <Paragraph>{t('subjectRequests.none')}</Paragraph> : null}
      {list.data?.items.map((r) => (
        <Panel key={r.id} title={t('subjectRequests.requestTitle', { kind: t(`subjectRequests.kinds.${r.kind}`), person: r.personName })}>
          <Paragraph>
            {t('subjectRequests.statusLine', { status: t(`subjectRequests.statuses.${r.status}`) })}
            {' · '}
            {t('subjectRequests.due', { due: formatDay(r.dueOn, i18n.language) })}
            {r.overdue ? <strong> · {t('subjectRequests.overdue')}</strong> : null}
          </Paragraph>
          {r.decisionReason ? <Paragraph>{t('subjectRequests.decisionLine', { who: r.decidedBy ?? '–', reason: r.decisionReason })}</Paragraph> : null}
          {r.kind === 'inzage' ? (
            <Paragraph>
              <Link href={`/api/subject-requests/${encodeURIComponent(r.id)}/export`} download>
                {t('subjectRequests.export')}
              </Link>
              <br />
              {t('subjectRequests.exportHint')}
            </Paragraph>
          ) : null}
          {r.kind === 'correctie' && r.status === 'open' ? <CorrectionForm id={r.id} onDone={() => changed(t('subjectRequests.corrected'))} /> : null}
          {r.kind === 'verwijdering' && r.status === 'open' && can('cases:assign') ? <DecisionForm id={r.id} onDone={() => changed(t('subjectRequests.decided'))} /> : null}
        </Panel>
      ))}
      {list.data && list.data.persons.length > 0 ? (
        <Panel title={t('subjectRequests.registerTitle')}>
          <form onSubmit={(e) => void onRegister(e)} noValidate className="signaal-form">
            <FormAlert message={error} />
            <Field label={t('subjectRequests.person')} required>
              {(c) => (
                <Select {...c} name="personId" value={personId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setPersonId(e.target.value)}>
                  <SelectOption value="">–</SelectOption>
                  {list.data!.persons.map((p) => (
                    <SelectOption key={p.id} value={p.id}>
                      {p.name}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('subjectRequests.kind')} required>
              {(c) => (
                <Select {...c} name="kind" value={kind} onChange={(e: ChangeEvent<HTMLSelectElement>) => setKind(e.target.value as Kind | '')}>
                  <SelectOption value="">–</SelectOption>
                  {KINDS.map((k) => (
                    <SelectOption key={k} value={k}>
                      {t(`subjectRequests.kinds.${k}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('subjectRequests.receivedOn')} required>
              {(c) => <Textbox {...c} type="date" name="receivedOn" value={receivedOn} onChange={(e: ChangeEvent<HTMLInputElement>) => setReceivedOn(e.target.value)} />}
            </Field>
            <Field label={t('subjectRequests.note')}>
              {(c) => <Textarea {...c} name="note" maxLength={2000} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />}
            </Field>
            <Button type="submit" appearance="primary-action-button">
              {t('subjectRequests.register')}
            </Button>
          </form>
        </Panel>
      ) : null}
    </section>
  );
}

function CorrectionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [field, setField] = useState<(typeof FIELDS)[number]>('name');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('subjectRequests.reasonRequired'));
    try {
      await api.correctSubjectRequest(id, { field, value: value.trim(), reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
      <FormAlert message={error} />
      <Field label={t('subjectRequests.field')} required>
        {(c) => (
          <Select {...c} name="field" value={field} onChange={(e: ChangeEvent<HTMLSelectElement>) => setField(e.target.value as (typeof FIELDS)[number])}>
            {FIELDS.map((f) => (
              <SelectOption key={f} value={f}>
                {t(`subjectRequests.fields.${f}`)}
              </SelectOption>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('subjectRequests.value')}>
        {(c) => <Textbox {...c} name="value" maxLength={200} value={value} onChange={(e: ChangeEvent<HTMLInputElement>) => setValue(e.target.value)} />}
      </Field>
      <Field label={t('subjectRequests.reason')} required>
        {(c) => <Textarea {...c} name="reason" maxLength={2000} value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />}
      </Field>
      <Button type="submit" appearance="primary-action-button">
        {t('subjectRequests.correct')}
      </Button>
    </form>
  );
}

function DecisionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [decision, setDecision] = useState<'toegewezen' | 'afgewezen'>('afgewezen');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('subjectRequests.reasonRequired'));
    try {
      await api.decideSubjectRequest(id, { decision, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
      <FormAlert message={error} />
      <Field label={t('subjectRequests.decision')} required>
        {(c) => (
          <Select {...c} name="decision" value={decision} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDecision(e.target.value as 'toegewezen' | 'afgewezen')}>
            <SelectOption value="afgewezen">{t('subjectRequests.decisions.afgewezen')}</SelectOption>
            <SelectOption value="toegewezen">{t('subjectRequests.decisions.toegewezen')}</SelectOption>
          </Select>
        )}
      </Field>
      <Field label={t('subjectRequests.reason')} required>
        {(c) => <Textarea {...c} name="reason" maxLength={2000} value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />}
      </Field>
      <Button type="submit" appearance="primary-action-button">
        {t('subjectRequests.decide')}
      </Button>
    </form>
  );
}
