import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Button, Heading2, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { formatDay } from './cases.view.tsx';
import { useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** The Monday of the current week (Amsterdam), as YYYY-MM-DD. */
function thisMonday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** A school, childcare centre or municipality reports its weekly emergency childcare count. */
export function ChildcareView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const mine = useLoad(() => api.childcareMine(), []);
  const [municipality, setMunicipality] = useState('');
  const [week, setWeek] = useState(thisMonday());
  const [children, setChildren] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const code = municipality.trim().toUpperCase();
    if (!/^GM\d{4}$/.test(code) || !week || !/^\d{1,5}$/.test(children.trim())) return setError(t('childcare.required'));
    try {
      const saved = await api.registerChildcare({ municipalityCode: code, week, children: Number(children) });
      setError(null);
      setNotice(t('childcare.saved', { children: saved.children, municipality: saved.municipalityName ?? code, week: formatDay(saved.week, i18n.language) }));
      mine.reload();
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  return (
    <>
      <PageTitle documentTitle={t('childcare.title')}>{t('childcare.title')}</PageTitle>
      <Paragraph>{t('childcare.intro')}</Paragraph>
      {notice ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('childcare.municipality')} description={t('childcare.municipalityHint')} required>
          {(c) => <Textbox {...c} name="municipalityCode" size={8} value={municipality} onChange={(e: ChangeEvent<HTMLInputElement>) => setMunicipality(e.target.value)} />}
        </Field>
        <Field label={t('childcare.week')} required>
          {(c) => <Textbox {...c} type="date" name="week" value={week} onChange={(e: ChangeEvent<HTMLInputElement>) => setWeek(e.target.value)} />}
        </Field>
        <Field label={t('childcare.children')} required>
          {(c) => <Textbox {...c} inputMode="numeric" name="children" size={5} value={children} onChange={(e: ChangeEvent<HTMLInputElement>) => setChildren(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button">
          {t('childcare.submit')}
        </Button>
      </form>
      <section aria-labelledby="childcare-mine" className="signaal-section">
        <Heading2 id="childcare-mine">{t('childcare.mineTitle')}</Heading2>
        {mine.data && mine.data.items.length === 0 ? <Paragraph>{t('childcare.none')}</Paragraph> : null}
        {mine.data && mine.data.items.length > 0 ? (
          <Table>
            <TableCaption>{t('childcare.mineCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('childcare.week')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('childcare.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('childcare.children')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {mine.data.items.map((r) => (
                <TableRow key={`${r.week}-${r.municipalityCode}`}>
                  <TableCell>{formatDay(r.week, i18n.language)}</TableCell>
                  <TableCell>{r.municipalityName ?? r.municipalityCode}</TableCell>
                  <TableCell className="signaal-number">{r.children}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>
    </>
  );
}

/** The weekly monitor per municipality, for figures readers (counts only). */
export function ChildcareMonitorView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const to = thisMonday();
  const fromDate = new Date(`${to}T12:00:00Z`);
  fromDate.setUTCDate(fromDate.getUTCDate() - 7 * 11);
  const from = fromDate.toISOString().slice(0, 10);
  const { data, error } = useLoad(() => api.childcareWeekly(from, to), [from, to]);
  return (
    <>
      <PageTitle documentTitle={t('childcare.monitorTitle')}>{t('childcare.monitorTitle')}</PageTitle>
      <Paragraph>{t('childcare.monitorIntro')}</Paragraph>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data && data.items.length === 0 ? <Paragraph>{t('childcare.none')}</Paragraph> : null}
      {data && data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('childcare.monitorCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('childcare.week')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('childcare.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('childcare.region')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('childcare.children')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('childcare.locations')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((r) => (
                <TableRow key={`${r.week}-${r.municipalityCode}`}>
                  <TableCell>{formatDay(r.week, i18n.language)}</TableCell>
                  <TableHeaderCell scope="row">{r.municipalityName ?? r.municipalityCode}</TableHeaderCell>
                  <TableCell>{r.regionCode}</TableCell>
                  <TableCell className="signaal-number">{r.children}</TableCell>
                  <TableCell className="signaal-number">{r.locations}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}
