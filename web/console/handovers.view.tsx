import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import type { PartnerHandover } from './api.types.ts';
import { formatDay } from './cases.view.tsx';
import { useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** The partner's list: what Veilig Thuis handed to the own organisation, and nothing else. */
export function HandoversView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const { data, error, loading } = useLoad(() => api.handovers(), []);
  const none = t('common.none');
  return (
    <>
      <PageTitle documentTitle={t('handovers.title')}>{t('handovers.title')}</PageTitle>
      <Paragraph>{t('handovers.intro')}</Paragraph>
      <FormAlert message={error ? errorText(t, error) : null} />
      {loading ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
      {data && data.items.length === 0 ? <Paragraph>{t('handovers.empty')}</Paragraph> : null}
      {data && data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('handovers.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('handovers.sentAt')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('handovers.from')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('handovers.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('handovers.violenceType')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('handovers.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((h) => {
                const date = formatDateTime(h.sentAt, i18n.language);
                return (
                  <TableRow key={h.id}>
                    <TableCell>
                      <ConsoleLink to={`/handovers/${h.id}`} aria-label={t('handovers.openLabel', { date })}>
                        {date}
                      </ConsoleLink>
                    </TableCell>
                    <TableCell>{h.from}</TableCell>
                    <TableCell>{h.municipalityName ?? none}</TableCell>
                    <TableCell>{h.violenceType ? t(`enums.violenceType.${h.violenceType}`, { defaultValue: h.violenceType }) : none}</TableCell>
                    <TableCell>{t(`followUp.statuses.${h.status}`)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}

function Content({ handover }: { handover: PartnerHandover }) {
  const { t, i18n } = useTranslation();
  const c = handover.content;
  return (
    <>
      <section aria-labelledby="handover-message" className="signaal-section">
        <Heading2 id="handover-message">{t('handovers.message')}</Heading2>
        <Paragraph className="signaal-multiline">{c.message}</Paragraph>
        <Paragraph>
          {t('handovers.municipality')}: {c.municipalityName ?? t('common.none')}. {t('handovers.violenceType')}:{' '}
          {c.violenceType ? t(`enums.violenceType.${c.violenceType}`, { defaultValue: c.violenceType }) : t('common.none')}
        </Paragraph>
      </section>
      <section aria-labelledby="handover-persons" className="signaal-section">
        <Heading2 id="handover-persons">{t('handovers.persons')}</Heading2>
        {c.persons.length === 0 ? <Paragraph>{t('handovers.noPersons')}</Paragraph> : null}
        <UnorderedList>
          {c.persons.map((p, i) => (
            <UnorderedListItem key={i}>
              {`${p.name} (${t(`enums.personRole.${p.role}`, { defaultValue: p.role })})`}
              {p.birthDate ? `, ${t('handovers.bornOn', { date: formatDay(p.birthDate, i18n.language) })}` : ''}
              {p.street || p.postcode || p.place ? `, ${[p.street, p.postcode, p.place].filter(Boolean).join(' ')}` : ''}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
      <section aria-labelledby="handover-reporter" className="signaal-section">
        <Heading2 id="handover-reporter">{t('handovers.reporter')}</Heading2>
        <Paragraph>
          {c.reporter ? [c.reporter.name, c.reporter.contact].filter(Boolean).join(', ') || t(`enums.reporterType.${c.reporter.type}`, { defaultValue: c.reporter.type }) : t('handovers.reporterWithheld')}
        </Paragraph>
      </section>
    </>
  );
}

/** One handover: what was handed over, accept or decline it, and give feedback once accepted. */
export function HandoverDetailView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const { data, error, reload } = useLoad(() => api.handover(id), [id]);
  const [reason, setReason] = useState('');
  const [feedback, setFeedback] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const answerId = useId();
  const feedbackId = useId();

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice, data]);

  const act = async (kind: 'accept' | 'decline' | 'feedback', call: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setFormError(null);
    setNotice(null);
    try {
      await call();
      setNotice(t(`handovers.done.${kind}`));
      setReason('');
      setFeedback('');
      reload();
    } catch (err) {
      setFormError(err instanceof ApiError && err.status === 409 && err.message ? err.message : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const onDecline = (event: FormEvent): void => {
    event.preventDefault();
    if (!reason.trim()) return setFormError(t('handovers.declineReasonRequired'));
    void act('decline', () => api.declineHandover(id, reason.trim()));
  };
  const onFeedback = (event: FormEvent): void => {
    event.preventDefault();
    if (!feedback.trim()) return setFormError(t('handovers.feedbackRequired'));
    void act('feedback', () => api.handoverFeedback(id, feedback.trim()));
  };

  const title = data ? t('handovers.detailTitle', { date: formatDateTime(data.sentAt, i18n.language) }) : t('handovers.loadingTitle');
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
          <Paragraph>
            {data.from}. {t('handovers.status')}: <strong>{t(`followUp.statuses.${data.status}`)}</strong>
          </Paragraph>
          {data.declineReason ? <Paragraph>{t('handovers.declinedBecause', { reason: data.declineReason })}</Paragraph> : null}
          <Content handover={data} />
          {data.status === 'verstuurd' ? (
            <section aria-labelledby={answerId} className="signaal-section signaal-panel">
              <Heading2 id={answerId}>{t('handovers.answerTitle')}</Heading2>
              <FormAlert message={formError} />
              <Paragraph>{t('handovers.acceptIntro')}</Paragraph>
              <Button type="button" appearance="primary-action-button" busy={busy} disabled={busy} onClick={() => void act('accept', () => api.acceptHandover(id))}>
                {t('handovers.accept')}
              </Button>
              <form onSubmit={onDecline} noValidate className="signaal-form">
                <Field label={t('handovers.declineReason')} required>
                  {(c) => <Textarea {...c} name="declineReason" rows={3} maxLength={2000} value={reason} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />}
                </Field>
                <Button type="submit" appearance="secondary-action-button" disabled={busy}>
                  {t('handovers.decline')}
                </Button>
              </form>
            </section>
          ) : null}
          {data.status === 'geaccepteerd' ? (
            <section aria-labelledby={feedbackId} className="signaal-section signaal-panel">
              <Heading2 id={feedbackId}>{t('handovers.feedbackTitle')}</Heading2>
              {data.feedback && data.feedbackAt ? (
                <Paragraph className="signaal-multiline">
                  {t('handovers.feedbackGiven', { date: formatDateTime(data.feedbackAt, i18n.language) })}: {data.feedback}
                </Paragraph>
              ) : null}
              <form onSubmit={onFeedback} noValidate className="signaal-form">
                <FormAlert message={formError} />
                <Field label={t('handovers.feedbackLabel')} required>
                  {(c) => <Textarea {...c} name="feedback" rows={4} maxLength={4000} value={feedback} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setFeedback(e.target.value)} />}
                </Field>
                <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
                  {t('handovers.feedbackSubmit')}
                </Button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
      <Paragraph>
        <ConsoleLink to="/handovers">{t('handovers.backToList')}</ConsoleLink>
      </Paragraph>
    </>
  );
}
