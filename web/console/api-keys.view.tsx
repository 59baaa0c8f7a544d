import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type CreatedApiKey } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/**
 * API keys with which partner systems (the police above all) submit meldingen. A key is shown
 * once, when it is made; Signaal keeps only its hash. Revoking takes effect at once.
 */
export function ApiKeysView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const keys = useLoad(() => api.apiKeys(), []);
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<Channel>('politie');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!organisationId || !name.trim()) {
      setError(t('apiKeys.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.createApiKey({ organisationId, name: name.trim(), channel }));
      setName('');
      keys.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string): Promise<void> => {
    setError(null);
    try {
      await api.revokeApiKey(id);
      keys.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('apiKeys.title')}>{t('apiKeys.title')}</PageTitle>
      <Paragraph>{t('apiKeys.intro')}</Paragraph>
      {created ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{t('apiKeys.createdOnce')}</Paragraph>
          <Paragraph>
            <code className="signaal-secret">{created.key}</code>
          </Paragraph>
        </Alert>
      ) : null}
      <FormAlert message={error ?? (keys.error ? errorText(t, keys.error) : null)} />
      <Heading level={2}>{t('apiKeys.newTitle')}</Heading>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <Field label={t('apiKeys.organisation')} required>
          {(c) => (
            <Select {...c} name="organisation" value={organisationId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setOrganisationId(e.target.value)}>
              <SelectOption value="">{t('apiKeys.choose')}</SelectOption>
              {(keys.data?.organisations ?? []).map((o) => (
                <SelectOption key={o.id} value={o.id}>
                  {o.name}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('apiKeys.name')} description={t('apiKeys.nameHint')} required>
          {(c) => <Textbox {...c} name="name" maxLength={100} value={name} onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />}
        </Field>
        <Field label={t('apiKeys.channel')}>
          {(c) => (
            <Select {...c} name="channel" value={channel} onChange={(e: ChangeEvent<HTMLSelectElement>) => setChannel(e.target.value as Channel)}>
              {CHANNELS.map((ch) => (
                <SelectOption key={ch} value={ch}>
                  {t(`enums.channel.${ch}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
          {t('apiKeys.create')}
        </Button>
      </form>
      <Table>
        <TableCaption>{t('apiKeys.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('apiKeys.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('apiKeys.organisation')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('apiKeys.prefix')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('apiKeys.lastUsed')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('apiKeys.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(keys.data?.items ?? []).map((k) => (
            <TableRow key={k.id}>
              <TableCell>{k.name}</TableCell>
              <TableCell>{k.organisationName}</TableCell>
              <TableCell>
                <code>{k.prefix}…</code>
              </TableCell>
              <TableCell>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : t('apiKeys.never')}</TableCell>
              <TableCell>
                {k.revokedAt ? (
                  t('apiKeys.revokedAt', { date: formatDateTime(k.revokedAt, i18n.language) })
                ) : (
                  <Button type="button" appearance="secondary-action-button" onClick={() => void revoke(k.id)} aria-label={t('apiKeys.revokeNamed', { name: k.name })}>
                    {t('apiKeys.revoke')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
