import { useState } from 'react';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** Administrator: the retention settings, the last runs of the job (counts only), and "run now". */
export function RetentionView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const overview = useLoad(() => api.retention(), []);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runNow = async (): Promise<void> => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const r = await api.runRetention();
      setNotice(t('retention.done', { files: r.filesErased, advice: r.adviceErased, chats: r.transcriptsDeleted }));
      overview.reload();
    } catch (err) {
      setError(refusalText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const s = overview.data?.settings;
  return (
    <>
      <PageTitle documentTitle={t('retention.title')}>{t('retention.title')}</PageTitle>
      <Paragraph>{t('retention.intro')}</Paragraph>
      <FormAlert message={overview.error ? errorText(t, overview.error) : error} />
      {s ? (
        <section aria-labelledby="retention-settings" className="signaal-section">
          <Heading2 id="retention-settings">{t('retention.settingsTitle')}</Heading2>
          <DataList className="signaal-data-list">
            {(
              [
                [t('retention.fileYears'), t('retention.fileYearsValue', { years: s.fileYears })],
                [t('retention.adviceYears'), t('retention.adviceYearsValue', { years: s.adviceYears })],
                [t('retention.chatDays'), t('retention.chatDaysValue', { days: s.chatDays })],
                [t('retention.scheduled'), s.scheduled ? t('retention.scheduledOn') : t('retention.scheduledOff')],
              ] as const
            ).map(([key, value]) => (
              <DataListItem key={key}>
                <DataListKey>{key}</DataListKey>
                <DataListValue>{value}</DataListValue>
              </DataListItem>
            ))}
          </DataList>
          <Button type="button" appearance="primary-action-button" disabled={busy} onClick={() => void runNow()}>
            {busy ? t('retention.running') : t('retention.runNow')}
          </Button>
        </section>
      ) : null}
      {notice ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="retention-runs" className="signaal-section">
        <Heading2 id="retention-runs">{t('retention.runsTitle')}</Heading2>
        {overview.data && overview.data.runs.length === 0 ? <Paragraph>{t('retention.none')}</Paragraph> : null}
        {overview.data && overview.data.runs.length > 0 ? (
          <div className="signaal-table-scroll">
            <Table>
              <TableCaption>{t('retention.runsCaption')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('retention.startedAt')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('retention.trigger')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('retention.by')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="signaal-number">{t('retention.files')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="signaal-number">{t('retention.advice')}</TableHeaderCell>
                  <TableHeaderCell scope="col" className="signaal-number">{t('retention.chats')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('retention.status')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.data.runs.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{formatDateTime(r.startedAt, i18n.language)}</TableCell>
                    <TableCell>{t(`retention.triggers.${r.trigger}`)}</TableCell>
                    <TableCell>{r.startedBy ?? '–'}</TableCell>
                    <TableCell className="signaal-number">{r.filesErased}</TableCell>
                    <TableCell className="signaal-number">{r.adviceErased}</TableCell>
                    <TableCell className="signaal-number">{r.transcriptsDeleted}</TableCell>
                    <TableCell>{t(`retention.statuses.${r.status}`)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </section>
    </>
  );
}
