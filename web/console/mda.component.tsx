import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Button,
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
import type { MdaPlan } from './api.types.ts';
import { ActionPanel } from './action-panel.component.tsx';
import { DeadlineBadge, formatDay } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { useLoad } from './use-load.hook.ts';

function StartForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const partners = useLoad(() => api.casePartners(), []);
  const [directorName, setDirectorName] = useState('');
  const [directorOrg, setDirectorOrg] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!directorName.trim() || !directorOrg || participants.length < 2 || !summary.trim()) return setError(t('mda.startRequired'));
    try {
      await api.startMda(caseId, { directorName: directorName.trim(), directorOrganisationId: directorOrg, participantIds: participants, summary: summary.trim() });
      onDone(t('mda.saved'));
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  return (
    <ActionPanel title={t('mda.startTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error ?? (partners.error ? errorText(t, partners.error) : null)} />
        <Field label={t('mda.directorName')} required>
          {(c) => <Textbox {...c} name="directorName" maxLength={200} value={directorName} onChange={(e: ChangeEvent<HTMLInputElement>) => setDirectorName(e.target.value)} />}
        </Field>
        <Field label={t('mda.directorOrganisation')} required>
          {(c) => (
            <Select {...c} name="directorOrganisation" value={directorOrg} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDirectorOrg(e.target.value)}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {(partners.data?.items ?? []).map((p) => (
                <SelectOption key={p.id} value={p.id}>
                  {p.name}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Fieldset className="signaal-field">
          <FieldsetLegend>{`${t('mda.participants')} (${t('mda.participantsHint')})`}</FieldsetLegend>
          {(partners.data?.items ?? []).map((p) => (
            <FormField type="checkbox" key={p.id} className="signaal-checkbox">
              <Checkbox
                id={`mda-participant-${p.id}`}
                checked={participants.includes(p.id)}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setParticipants(e.target.checked ? [...participants, p.id] : participants.filter((x) => x !== p.id))}
              />
              <FormLabel htmlFor={`mda-participant-${p.id}`} type="checkbox">
                {p.name}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>
        <Field label={t('mda.summary')} required>
          {(c) => <Textarea {...c} name="mdaSummary" rows={3} maxLength={4000} value={summary} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSummary(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button">
          {t('mda.startSubmit')}
        </Button>
      </form>
    </ActionPanel>
  );
}

function PlanView({ plan, handles, onDone }: { plan: MdaPlan; handles: boolean; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const lang = i18n.language;
  const [kind, setKind] = useState<'doel' | 'afspraak'>('doel');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (call: () => Promise<unknown>): Promise<void> => {
    try {
      await call();
      setError(null);
      onDone(t('mda.saved'));
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  const onGoal = (e: FormEvent): void => {
    e.preventDefault();
    if (!description.trim() || !due) return setError(t('mda.goalRequired'));
    void act(() => api.addMdaGoal(plan.id, { kind, description: description.trim(), due, ownerOrganisationId: owner || null }));
  };
  const onMeeting = (e: FormEvent): void => {
    e.preventDefault();
    if (!heldOn || !minutes.trim()) return setError(t('mda.meetingRequired'));
    void act(() => api.addMdaMeeting(plan.id, { heldOn, minutes: minutes.trim() }));
  };
  const organisations = [plan.directorOrganisation, ...plan.participants.filter((p) => p.id !== plan.directorOrganisation.id)];
  return (
    <>
      <FormAlert message={error} />
      <Paragraph>
        {t('mda.director')}: {plan.directorName} ({plan.directorOrganisation.name}). {t('mda.participants')}: {plan.participants.map((p) => p.name).join(', ')}.
      </Paragraph>
      <Paragraph className="signaal-multiline">{plan.summary}</Paragraph>
      <Heading3 id="mda-goals">{t('mda.goalsTitle')}</Heading3>
      <UnorderedList aria-labelledby="mda-goals">
        {plan.goals.map((g) => (
          <UnorderedListItem key={g.id}>
            {`${t(`mda.kinds.${g.kind}`)}: ${g.description} (${t('mda.due')} ${formatDay(g.due, lang)}${g.owner ? `, ${g.owner}` : ''}) `}
            <DeadlineBadge state={g.deadline} />
            {g.doneAt ? ` ${t('mda.doneOn', { date: formatDay(g.doneAt, lang) })}` : null}
            {!g.doneAt && handles ? (
              <Button type="button" appearance="subtle-button" onClick={() => void act(() => api.mdaGoalDone(plan.id, g.id))}>
                {t('mda.markDone', { description: g.description })}
              </Button>
            ) : null}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {handles ? (
        <form onSubmit={onGoal} noValidate className="signaal-form">
          <Field label={t('mda.kind')} required>
            {(c) => (
              <Select {...c} name="goalKind" value={kind} onChange={(e: ChangeEvent<HTMLSelectElement>) => setKind(e.target.value as 'doel' | 'afspraak')}>
                <SelectOption value="doel">{t('mda.kinds.doel')}</SelectOption>
                <SelectOption value="afspraak">{t('mda.kinds.afspraak')}</SelectOption>
              </Select>
            )}
          </Field>
          <Field label={t('mda.description')} required>
            {(c) => <Textarea {...c} name="goalDescription" rows={2} maxLength={2000} value={description} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setDescription(e.target.value)} />}
          </Field>
          <Field label={t('mda.due')} required>
            {(c) => <Textbox {...c} type="date" name="goalDue" value={due} onChange={(e: ChangeEvent<HTMLInputElement>) => setDue(e.target.value)} />}
          </Field>
          <Field label={t('mda.owner')}>
            {(c) => (
              <Select {...c} name="goalOwner" value={owner} onChange={(e: ChangeEvent<HTMLSelectElement>) => setOwner(e.target.value)}>
                <SelectOption value="">{t('mda.nobody')}</SelectOption>
                {organisations.map((o) => (
                  <SelectOption key={o.id} value={o.id}>
                    {o.name}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" appearance="secondary-action-button">
            {t('mda.addGoal')}
          </Button>
        </form>
      ) : null}
      <Heading3 id="mda-meetings">{t('mda.meetingsTitle')}</Heading3>
      {plan.meetings.length === 0 ? <Paragraph>{t('mda.noMeetings')}</Paragraph> : null}
      <UnorderedList aria-labelledby="mda-meetings">
        {plan.meetings.map((m) => (
          <UnorderedListItem key={m.id}>
            <strong>{formatDay(m.heldOn, lang)}</strong>
            {m.by ? ` (${m.by})` : ''}: <span className="signaal-multiline">{m.minutes}</span>
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {handles ? (
        <form onSubmit={onMeeting} noValidate className="signaal-form">
          <Field label={t('mda.heldOn')} required>
            {(c) => <Textbox {...c} type="date" name="heldOn" value={heldOn} onChange={(e: ChangeEvent<HTMLInputElement>) => setHeldOn(e.target.value)} />}
          </Field>
          <Field label={t('mda.minutes')} required>
            {(c) => <Textarea {...c} name="minutes" rows={4} maxLength={8000} value={minutes} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setMinutes(e.target.value)} />}
          </Field>
          <Button type="submit" appearance="secondary-action-button">
            {t('mda.addMeeting')}
          </Button>
        </form>
      ) : null}
    </>
  );
}

/** The MDA++ plan of a melding: start it (structural unsafety only), goals, meetings. */
export function CaseMda({ caseId, structural, closed, onChanged }: { caseId: string; structural: boolean; closed: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const { data, error, reload } = useLoad(() => api.mda(caseId), [caseId]);
  const handles = can('cases:handle') && !closed;
  if (!data && !error) return null;
  if (!data?.plan && !structural) return null;
  const done = (message: string) => {
    reload();
    onChanged(message);
  };
  return (
    <section aria-labelledby="case-mda" className="signaal-section">
      <Heading2 id="case-mda">{t('mda.title')}</Heading2>
      <Paragraph>{t('mda.intro')}</Paragraph>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data?.plan ? (
        <PlanView key={`${data.plan.goals.length}-${data.plan.meetings.length}-${data.plan.goals.filter((g) => g.doneAt).length}`} plan={data.plan} handles={handles} onDone={done} />
      ) : handles ? (
        <StartForm caseId={caseId} onDone={done} />
      ) : null}
    </section>
  );
}
