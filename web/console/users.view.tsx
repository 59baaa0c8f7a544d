import { useState, type FormEvent, type ChangeEvent } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
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
import { ROLES, type CreatedUser, type Role } from './api.types.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

export function UsersView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const session = useSession();
  const can = useCan();
  const users = useLoad(() => api.users(), []);
  const year = new Date().getFullYear();
  const regions = useLoad(() => (can('regions:read') ? api.regions(year) : Promise.resolve(null)), [year]);

  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('intake');
  const [regionCode, setRegionCode] = useState(session.user.region.code);
  const [organisationId, setOrganisationId] = useState('');
  const partners = useLoad(() => (can('partners:manage') ? api.partnerOrganisations() : Promise.resolve(null)), []);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [accountNotice, setAccountNotice] = useState<string | null>(null);
  const [accountError, setAccountError] = useState<string | null>(null);

  // Account actions of an administrator: the answer (a reset code is shown once) goes in one
  // announcement above the table.
  const accountAction = async (call: () => Promise<string>) => {
    setAccountNotice(null);
    setAccountError(null);
    try {
      setAccountNotice(await call());
      users.reload();
    } catch (err) {
      setAccountError(errorText(t, err));
    }
  };

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // A partner account sees what is handed to its organisation: the organisation must be chosen.
    if ((role === 'partner' || role === 'opvang') && !organisationId) {
      setError(t('partnerOrgs.organisationRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.createUser({ email: email.trim(), displayName: displayName.trim(), role, regionCode, ...(role === 'partner' || role === 'opvang' ? { organisationId } : {}) });
      setCreated(result);
      setEmail('');
      setDisplayName('');
      users.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('users.title')}>{t('users.title')}</PageTitle>
      <FormAlert message={users.error ? errorText(t, users.error) : null} />
      <FormAlert type="ok" message={accountNotice} />
      <FormAlert message={accountError} />
      {users.data && users.data.items.length === 0 ? <Paragraph>{t('users.empty')}</Paragraph> : null}
      {users.data && users.data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('users.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('users.displayName')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.email')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.role')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.region')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.totp')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.locked')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('passwordReset.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.items.map((user) => (
                <TableRow key={user.id}>
                  <TableCell>{user.displayName}</TableCell>
                  <TableCell>{user.email}</TableCell>
                  <TableCell>{t(`roles.${user.role}`, { defaultValue: user.role })}</TableCell>
                  <TableCell>{user.region.name}</TableCell>
                  <TableCell>{user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}</TableCell>
                  <TableCell>{user.lockedUntil ? formatDateTime(user.lockedUntil, i18n.language) : t('common.none')}</TableCell>
                  <TableCell>
                    <ButtonGroup>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t('passwordReset.endSessionsLabel', { name: user.displayName })}
                        onClick={() =>
                          void accountAction(async () => t('passwordReset.sessionsEnded', { count: (await api.endUserSessions(user.id)).ended, name: user.displayName }))
                        }
                      >
                        {t('passwordReset.endSessions')}
                      </Button>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t('passwordReset.issueLabel', { name: user.displayName })}
                        onClick={() =>
                          void accountAction(async () => {
                            const r = await api.issuePasswordReset(user.id);
                            return t('passwordReset.issued', { name: user.displayName, code: r.code, time: formatDateTime(r.expiresAt, i18n.language) });
                          })
                        }
                      >
                        {t('passwordReset.issue')}
                      </Button>
                    </ButtonGroup>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      <section aria-labelledby="add-user-title" className="signaal-section">
        <Heading level={2} id="add-user-title">
          {t('users.addTitle')}
        </Heading>
        {created ? (
          <Alert type="ok" role="status" className="signaal-alert">
            <Heading level={3}>{t('users.createdTitle', { name: created.user.displayName })}</Heading>
            <Paragraph>
              {t('users.oneTimePassword')}: <code className="signaal-secret" data-testid="one-time-password">{created.oneTimePassword}</code>
            </Paragraph>
            <Paragraph>{t('users.oneTimeNote')}</Paragraph>
            <Button type="button" appearance="secondary-action-button" onClick={() => setCreated(null)}>
              {t('users.done')}
            </Button>
          </Alert>
        ) : null}
        <form onSubmit={(e) => void onSubmit(e)} className="signaal-form">
          <FormAlert message={error} />
          <Field label={t('users.email')} required>
            {(c) => <Textbox {...c} type="email" name="email" autoComplete="off" value={email} onChange={(e: ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t('users.displayName')} required>
            {(c) => <Textbox {...c} name="displayName" autoComplete="off" value={displayName} onChange={(e: ChangeEvent<HTMLInputElement>) => setDisplayName(e.target.value)} />}
          </Field>
          <Field label={t('users.role')} required>
            {(c) => (
              <Select {...c} name="role" value={role} onChange={(e: ChangeEvent<HTMLSelectElement>) => setRole(e.target.value as Role)}>
                {ROLES.map((value) => (
                  <SelectOption key={value} value={value}>
                    {t(`roles.${value}`)}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
          {role === 'partner' || role === 'opvang' ? (
            <Field label={t('partnerOrgs.organisation')} required>
              {(c) => (
                <Select {...c} name="organisationId" value={organisationId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setOrganisationId(e.target.value)}>
                  <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
                  {(partners.data?.items ?? []).filter((o) => o.active && (role !== 'opvang' || o.partnerType === 'vrouwenopvang')).map((o) => (
                    <SelectOption key={o.id} value={o.id}>
                      {o.name}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          {regions.data ? (
            <Field label={t('users.region')} required>
              {(c) => (
                <Select {...c} name="regionCode" value={regionCode} onChange={(e: ChangeEvent<HTMLSelectElement>) => setRegionCode(e.target.value)}>
                  {regions.data?.regions.map((r) => (
                    <SelectOption key={r.code} value={r.code}>
                      {r.name} ({r.code})
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
          ) : (
            <Field label={t('users.regionCode')} description={t('users.regionCodeHint')} required>
              {(c) => <Textbox {...c} name="regionCode" value={regionCode} onChange={(e: ChangeEvent<HTMLInputElement>) => setRegionCode(e.target.value.toUpperCase())} size={6} />}
            </Field>
          )}
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('users.add')}
          </Button>
        </form>
      </section>
    </>
  );
}
