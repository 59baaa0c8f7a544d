import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
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
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AWARE_MEMBERS, ORDER_END_REASONS, type AwareCase, type AwareMember, type DueState, type OrderEndReason, type RestrainingOrder } from './api.types.ts';
import { ActionPanel } from './action-panel.component.tsx';
import { DeadlineBadge, formatDay } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { amsterdamLocalToIso, amsterdamNowLocal, formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
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

function Due({ due, doneAt }: { due: DueState; doneAt?: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {doneAt ? t('measures.done', { date: formatDateTime(doneAt, i18n.language) }) : t('measures.dueBy', { date: formatDateTime(due.due, i18n.language) })} <DeadlineBadge state={due.deadline} />
    </>
  );
}

type Act = (call: () => Promise<unknown>) => Promise<string | null>;

function OrderItem({ order, act, handles }: { order: RestrainingOrder; act: Act; handles: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const lang = i18n.language;
  const [extensionAt, setExtensionAt] = useState(amsterdamNowLocal());
  const [until, setUntil] = useState(amsterdamNowLocal(new Date(order.maxEndsAt)));
  const [reason, setReason] = useState<OrderEndReason | ''>('');
  const [error, setError] = useState<string | null>(null);
  const running = order.state !== 'beeindigd' && !order.endedAt;
  const run = async (call: () => Promise<unknown>) => setError(await act(call));

  const onExtend = (e: FormEvent): void => {
    e.preventDefault();
    const at = amsterdamLocalToIso(extensionAt);
    const to = amsterdamLocalToIso(until);
    if (!at || !to) return setError(t('measures.orderRequired'));
    void run(() => api.extendOrder(order.id, at, to));
  };
  const onEnd = (e: FormEvent): void => {
    e.preventDefault();
    if (!reason) return setError(t('caseDetail.closeReasonRequired'));
    void run(() => api.endOrder(order.id, reason));
  };

  return (
    <article aria-labelledby={`order-${order.id}`} className="signaal-panel">
      <Heading3 id={`order-${order.id}`}>{t('measures.orderTitle', { name: order.barredName })}</Heading3>
      <FormAlert message={error} />
      <Facts
        rows={[
          [t('measures.state'), t(`measures.states.${order.state}`) + (order.endReason ? ` (${t(`measures.endReasons.${order.endReason}`)})` : '')],
          [t('measures.decidedAt'), formatDateTime(order.decidedAt, lang)],
          [t('measures.endsAt'), formatDateTime(order.endsAt, lang)],
          [t('measures.maxEndsAt'), formatDateTime(order.maxEndsAt, lang)],
          [t('measures.riskInstrument'), t(`measures.riskInstruments.${order.riskInstrument}`)],
          [t('measures.adviceStart'), <Due key="start" due={order.adviceStart} doneAt={order.adviceStart.doneAt} />],
          [t('measures.adviceEnd'), <Due key="end" due={order.adviceEnd} doneAt={order.adviceEnd.doneAt} />],
          ...(order.extensionDecision ? ([[t('measures.extensionDecision'), <Due key="ext" due={order.extensionDecision} doneAt={order.extendedAt} />]] as [string, ReactNode][]) : []),
        ]}
      />
      {handles && running ? (
        <>
          <ButtonGroup>
            {!order.adviceStart.doneAt ? (
              <Button type="button" appearance="secondary-action-button" onClick={() => void run(() => api.orderAdvice(order.id, 'start'))}>
                {`${t('measures.recordAdvice')}: ${t('measures.adviceStart')}`}
              </Button>
            ) : null}
            {!order.adviceEnd.doneAt ? (
              <Button type="button" appearance="secondary-action-button" onClick={() => void run(() => api.orderAdvice(order.id, 'end'))}>
                {`${t('measures.recordAdvice')}: ${t('measures.adviceEnd')}`}
              </Button>
            ) : null}
          </ButtonGroup>
          {order.state === 'lopend' ? (
            <form onSubmit={onExtend} noValidate className="signaal-form">
              <Fieldset className="signaal-field">
                <FieldsetLegend>{t('measures.extendTitle')}</FieldsetLegend>
                <Field label={t('measures.extensionDecidedAt')} required>
                  {(c) => <Textbox {...c} type="datetime-local" name={`extensionAt-${order.id}`} value={extensionAt} onChange={(e: ChangeEvent<HTMLInputElement>) => setExtensionAt(e.target.value)} />}
                </Field>
                <Field label={t('measures.extendUntil')} description={`${t('measures.maxEndsAt')}: ${formatDateTime(order.maxEndsAt, lang)}`} required>
                  {(c) => <Textbox {...c} type="datetime-local" name={`until-${order.id}`} value={until} onChange={(e: ChangeEvent<HTMLInputElement>) => setUntil(e.target.value)} />}
                </Field>
                <Button type="submit" appearance="secondary-action-button">
                  {t('measures.extendSubmit')}
                </Button>
              </Fieldset>
            </form>
          ) : null}
          <form onSubmit={onEnd} noValidate className="signaal-form">
            <Field label={t('measures.endReason')} required>
              {(c) => (
                <Select {...c} name={`endReason-${order.id}`} value={reason} onChange={(e: ChangeEvent<HTMLSelectElement>) => setReason(e.target.value as OrderEndReason | '')}>
                  <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
                  {ORDER_END_REASONS.map((r) => (
                    <SelectOption key={r} value={r}>
                      {t(`measures.endReasons.${r}`)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Button type="submit" appearance="subtle-button">
              {t('measures.endSubmit')}
            </Button>
          </form>
        </>
      ) : null}
    </article>
  );
}

function NewOrderForm({ caseId, act }: { caseId: string; act: Act }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [decidedAt, setDecidedAt] = useState(amsterdamNowLocal());
  const [instrument, setInstrument] = useState<'rihg' | 'anders'>('rihg');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const at = amsterdamLocalToIso(decidedAt);
    if (!name.trim() || !birthDate || !at) return setError(t('measures.orderRequired'));
    setError(await act(() => api.createRestrainingOrder(caseId, { barredName: name.trim(), barredBirthDate: birthDate, decidedAt: at, riskInstrument: instrument })));
  };
  return (
    <ActionPanel title={t('measures.newOrderTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('measures.barredName')} description={t('measures.barredHint')} required>
          {(c) => <Textbox {...c} name="barredName" maxLength={200} value={name} onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />}
        </Field>
        <Field label={t('measures.barredBirthDate')} required>
          {(c) => <Textbox {...c} type="date" name="barredBirthDate" value={birthDate} onChange={(e: ChangeEvent<HTMLInputElement>) => setBirthDate(e.target.value)} />}
        </Field>
        <Field label={t('measures.orderDecidedAt')} required>
          {(c) => <Textbox {...c} type="datetime-local" name="orderDecidedAt" value={decidedAt} onChange={(e: ChangeEvent<HTMLInputElement>) => setDecidedAt(e.target.value)} />}
        </Field>
        <Field label={t('measures.riskInstrument')} required>
          {(c) => (
            <Select {...c} name="riskInstrument" value={instrument} onChange={(e: ChangeEvent<HTMLSelectElement>) => setInstrument(e.target.value as 'rihg' | 'anders')}>
              <SelectOption value="rihg">{t('measures.riskInstruments.rihg')}</SelectOption>
              <SelectOption value="anders">{t('measures.riskInstruments.anders')}</SelectOption>
            </Select>
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button">
          {t('measures.newOrderSubmit')}
        </Button>
      </form>
    </ActionPanel>
  );
}

function AwareItem({ aware, act, handles }: { aware: AwareCase; act: Act; handles: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const lang = i18n.language;
  const [members, setMembers] = useState<AwareMember[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<unknown>) => setError(await act(call));
  return (
    <article aria-labelledby={`aware-${aware.id}`} className="signaal-panel">
      <Heading3 id={`aware-${aware.id}`}>{t('measures.awareTitle', { date: formatDay(aware.requestedAt, lang) })}</Heading3>
      <FormAlert message={error} />
      <Facts
        rows={[
          [t('measures.state'), t(`measures.awareStates.${aware.state}`)],
          ...(aware.committeeMembers.length ? ([[t('measures.committee'), aware.committeeMembers.map((m) => t(`measures.members.${m}`)).join(', ')]] as [string, ReactNode][]) : []),
          ...(aware.nextReview ? ([[t('measures.nextReview'), <Due key="review" due={aware.nextReview} />]] as [string, ReactNode][]) : []),
          ...(aware.reviews.length ? ([[t('measures.reviewContinue'), t('measures.reviews', { count: aware.reviews.length })]] as [string, ReactNode][]) : []),
        ]}
      />
      {handles && aware.state === 'aangevraagd' ? (
        <form onSubmit={(e) => e.preventDefault()} noValidate className="signaal-form">
          <Fieldset className="signaal-field">
            <FieldsetLegend>{t('measures.committee')}</FieldsetLegend>
            {AWARE_MEMBERS.map((m) => (
              <FormField type="checkbox" key={m} className="signaal-checkbox">
                <Checkbox
                  id={`aware-${aware.id}-${m}`}
                  checked={members.includes(m)}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setMembers(e.target.checked ? [...members, m] : members.filter((x) => x !== m))}
                />
                <FormLabel htmlFor={`aware-${aware.id}-${m}`} type="checkbox">
                  {t(`measures.members.${m}`)}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
          <Field label={t('measures.decisionNote')}>
            {(c) => <Textarea {...c} name={`awareNote-${aware.id}`} rows={2} maxLength={2000} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />}
          </Field>
          <ButtonGroup>
            <Button type="button" appearance="primary-action-button" onClick={() => void run(() => api.decideAware(aware.id, { granted: true, members, note: note.trim() }))}>
              {t('measures.grant')}
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => void run(() => api.decideAware(aware.id, { granted: false, members, note: note.trim() }))}>
              {t('measures.refuse')}
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
      {handles && aware.state === 'toegekend' ? (
        <Button type="button" appearance="primary-action-button" onClick={() => void run(() => api.awareStep(aware.id, 'issue'))}>
          {t('measures.issue')}
        </Button>
      ) : null}
      {handles && aware.state === 'uitgereikt' ? (
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={() => void run(() => api.reviewAware(aware.id, true, ''))}>
            {t('measures.reviewContinue')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => void run(() => api.awareStep(aware.id, 'return'))}>
            {t('measures.returnDevice')}
          </Button>
        </ButtonGroup>
      ) : null}
    </article>
  );
}

/** The protective measures of one melding, in its case page. */
export function CaseMeasures({ caseId, closed, onChanged }: { caseId: string; closed: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const { data, error, reload } = useLoad(() => api.measures(caseId), [caseId]);
  const [newAwareError, setNewAwareError] = useState<string | null>(null);
  const handles = can('cases:handle') && !closed;
  const act: Act = async (call) => {
    try {
      await call();
    } catch (err) {
      return refusalText(t, err);
    }
    reload();
    onChanged(t('measures.saved'));
    return null;
  };
  if (!data && !error) return null;
  return (
    <section aria-labelledby="case-measures" className="signaal-section">
      <Heading2 id="case-measures">{t('measures.title')}</Heading2>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data?.restrainingOrders.map((o) => <OrderItem key={`${o.id}-${o.state}-${o.adviceStart.doneAt ?? ''}-${o.adviceEnd.doneAt ?? ''}-${o.endsAt}`} order={o} act={act} handles={handles} />)}
      {data?.aware.map((a) => <AwareItem key={`${a.id}-${a.state}-${a.reviews.length}`} aware={a} act={act} handles={handles} />)}
      {handles ? (
        <>
          <NewOrderForm key={`new-order-${data?.restrainingOrders.length ?? 0}`} caseId={caseId} act={act} />
          <ActionPanel title={t('measures.newAwareTitle')}>
            <Paragraph>{t('measures.newAwareIntro')}</Paragraph>
            <FormAlert message={newAwareError} />
            <Button type="button" appearance="secondary-action-button" onClick={() => void act(() => api.createAware(caseId, new Date().toISOString())).then(setNewAwareError)}>
              {t('measures.newAwareSubmit')}
            </Button>
          </ActionPanel>
        </>
      ) : null}
    </section>
  );
}

/** The region's overview: running orders and alarms with their deadlines, and the year's counts. */
export function MeasuresView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const year = new Date().getFullYear();
  const { data, error } = useLoad(() => api.measuresOverview(year), [year]);
  const countsId = useId();
  const lang = i18n.language;
  return (
    <>
      <PageTitle documentTitle={t('measures.overviewTitle')}>{t('measures.overviewTitle')}</PageTitle>
      <Paragraph>{t('measures.overviewIntro')}</Paragraph>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <>
          <section aria-labelledby={countsId} className="signaal-section">
            <Heading2 id={countsId}>{t('measures.countsTitle', { year })}</Heading2>
            <Facts rows={(Object.keys(data.counts) as (keyof typeof data.counts)[]).map((k) => [t(`measures.counts.${k}`), String(data.counts[k])])} />
          </section>
          <section aria-labelledby="running-orders" className="signaal-section">
            <Heading2 id="running-orders">{t('measures.counts.restrainingOrders')}</Heading2>
            {data.restrainingOrders.length === 0 ? <Paragraph>{t('measures.noOrders')}</Paragraph> : null}
            {data.restrainingOrders.map((o) => (
              <article key={o.id} aria-labelledby={`overview-order-${o.id}`} className="signaal-panel">
                <Heading3 id={`overview-order-${o.id}`}>{t('measures.orderTitle', { name: o.barredName })}</Heading3>
                <Facts
                  rows={[
                    [t('measures.state'), t(`measures.states.${o.state}`)],
                    [t('measures.endsAt'), formatDateTime(o.endsAt, lang)],
                    [t('measures.adviceStart'), <Due key="s" due={o.adviceStart} doneAt={o.adviceStart.doneAt} />],
                    [t('measures.adviceEnd'), <Due key="e" due={o.adviceEnd} doneAt={o.adviceEnd.doneAt} />],
                    ...(o.extensionDecision ? ([[t('measures.extensionDecision'), <Due key="x" due={o.extensionDecision} doneAt={o.extendedAt} />]] as [string, ReactNode][]) : []),
                  ]}
                />
                <ConsoleLink to={`/cases/${o.contactId}`}>{t('measures.openCase')}</ConsoleLink>
              </article>
            ))}
          </section>
          <section aria-labelledby="running-aware" className="signaal-section">
            <Heading2 id="running-aware">Aware</Heading2>
            {data.aware.length === 0 ? <Paragraph>{t('measures.noAware')}</Paragraph> : null}
            {data.aware.map((a) => (
              <article key={a.id} aria-labelledby={`overview-aware-${a.id}`} className="signaal-panel">
                <Heading3 id={`overview-aware-${a.id}`}>{t('measures.awareTitle', { date: formatDay(a.requestedAt, lang) })}</Heading3>
                <Paragraph>
                  {t(`measures.awareStates.${a.state}`)}
                  {a.nextReview ? (
                    <>
                      {'. '}
                      {t('measures.nextReview')}: <Due due={a.nextReview} />
                    </>
                  ) : null}
                </Paragraph>
                <ConsoleLink to={`/cases/${a.contactId}`}>{t('measures.openCase')}</ConsoleLink>
              </article>
            ))}
          </section>
        </>
      ) : null}
      {data === null && !error ? (
        <Alert type="info" className="signaal-alert">
          <Paragraph>{t('app.loading')}</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}
