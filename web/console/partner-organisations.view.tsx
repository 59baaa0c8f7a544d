import { useState, type ChangeEvent, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Heading2,
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
import { PARTNER_TYPES, type PartnerOrganisation, type PartnerType } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** The region's directory of chain partners, kept by its administrator. */
export function PartnerOrganisationsView() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const list = useLoad(() => api.partnerOrganisations(), []);
  const [name, setName] = useState('');
  const [partnerType, setPartnerType] = useState<PartnerType | ''>('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problems = [name.trim().length >= 2 ? null : t('partnerOrgs.nameRequired'), partnerType ? null : t('partnerOrgs.typeRequired')].filter((p): p is string => p !== null);
    if (problems.length > 0 || !partnerType) {
      setError(problems.join(' '));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api.createPartnerOrganisation({ name: name.trim(), partnerType, phone: phone.trim() || null, email: email.trim() || null, active: true });
      setNotice(t('partnerOrgs.added', { name: created.name }));
      setName('');
      setPartnerType('');
      setPhone('');
      setEmail('');
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (o: PartnerOrganisation): Promise<void> => {
    setError(null);
    try {
      await api.updatePartnerOrganisation(o.id, { name: o.name, partnerType: o.partnerType, phone: o.phone, email: o.email, active: !o.active });
      setNotice(t('partnerOrgs.changed', { name: o.name }));
      list.reload();
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <>
      <PageTitle documentTitle={t('partnerOrgs.title')}>{t('partnerOrgs.title')}</PageTitle>
      <Paragraph>{t('partnerOrgs.intro')}</Paragraph>
      {notice ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <FormAlert message={list.error ? errorText(t, list.error) : null} />
      {list.data && list.data.items.length === 0 ? <Paragraph>{t('partnerOrgs.empty')}</Paragraph> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('partnerOrgs.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('partnerOrgs.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('partnerOrgs.type')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('partnerOrgs.phone')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('partnerOrgs.email')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('partnerOrgs.accounts')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('partnerOrgs.active')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((o) => (
                <TableRow key={o.id}>
                  <TableCell>{o.name}</TableCell>
                  <TableCell>{t(`partnerOrgs.types.${o.partnerType}`)}</TableCell>
                  <TableCell>{o.phone ?? t('common.none')}</TableCell>
                  <TableCell>{o.email ?? t('common.none')}</TableCell>
                  <TableCell className="signaal-number">{o.accounts}</TableCell>
                  <TableCell>
                    {o.active ? t('partnerOrgs.active') : t('partnerOrgs.inactive')}{' '}
                    <Button type="button" appearance="subtle-button" onClick={() => void toggle(o)}>
                      {t(o.active ? 'partnerOrgs.deactivate' : 'partnerOrgs.activate', { name: o.name })}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      <section aria-labelledby="add-partner-title" className="signaal-section">
        <Heading2 id="add-partner-title">{t('partnerOrgs.addTitle')}</Heading2>
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
          <FormAlert message={error} />
          <Field label={t('partnerOrgs.name')} required>
            {(c) => <Textbox {...c} name="partnerName" maxLength={200} value={name} onChange={(e: ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />}
          </Field>
          <Field label={t('partnerOrgs.type')} required>
            {(c) => (
              <Select {...c} name="partnerType" value={partnerType} onChange={(e: ChangeEvent<HTMLSelectElement>) => setPartnerType(e.target.value as PartnerType | '')}>
                <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
                {PARTNER_TYPES.map((p) => (
                  <SelectOption key={p} value={p}>
                    {t(`partnerOrgs.types.${p}`)}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('partnerOrgs.phone')}>
            {(c) => <Textbox {...c} type="tel" name="partnerPhone" maxLength={50} value={phone} onChange={(e: ChangeEvent<HTMLInputElement>) => setPhone(e.target.value)} />}
          </Field>
          <Field label={t('partnerOrgs.email')}>
            {(c) => <Textbox {...c} type="email" name="partnerEmail" maxLength={200} value={email} onChange={(e: ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />}
          </Field>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {t('partnerOrgs.addSubmit')}
          </Button>
        </form>
      </section>
    </>
  );
}
