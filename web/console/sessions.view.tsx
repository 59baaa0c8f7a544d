import { useState } from 'react';
import { Button, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** The user's own active sessions; any of them can be ended here (a lost laptop, a shared PC). */
export function SessionsView() {
  const { t, i18n } = useTranslation();
  const { api, logout } = useConsole();
  const list = useLoad(() => api.mySessions(), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const end = async (id: string) => {
    setError(null);
    setNotice(null);
    try {
      const r = await api.endMySession(id);
      // Ending the session in use is signing out.
      if (r.current) return logout();
      setNotice(t('sessions.ended'));
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('sessions.title')}>{t('sessions.title')}</PageTitle>
      <Paragraph>{t('sessions.intro')}</Paragraph>
      <FormAlert type="ok" message={notice} />
      <FormAlert message={error ?? (list.error ? errorText(t, list.error) : null)} />
      {list.data ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('sessions.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('sessions.device')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('sessions.address')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('sessions.method')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('sessions.started')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('sessions.lastUsed')}</TableHeaderCell>
                <TableHeaderCell scope="col">
                  <span className="signaal-visually-hidden">{t('sessions.end')}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((s) => {
                const device = s.userAgent ?? t('sessions.unknownDevice');
                return (
                  <TableRow key={s.id}>
                    <TableCell>
                      {device}
                      {s.current ? <strong> ({t('sessions.current')})</strong> : null}
                    </TableCell>
                    <TableCell>{s.ipPrefix ?? t('common.none')}</TableCell>
                    <TableCell>{t(`sessions.methods.${s.method}`)}</TableCell>
                    <TableCell>{formatDateTime(s.startedAt, i18n.language)}</TableCell>
                    <TableCell>{formatDateTime(s.lastUsedAt, i18n.language)}</TableCell>
                    <TableCell>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t('sessions.endLabel', { device, date: formatDateTime(s.lastUsedAt, i18n.language) })}
                        onClick={() => void end(s.id)}
                      >
                        {t('sessions.end')}
                      </Button>
                    </TableCell>
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
