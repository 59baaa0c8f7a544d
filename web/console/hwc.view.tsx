import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
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
import { ApiError } from './api.client.ts';
import { formatDay } from './cases.view.tsx';
import { useConsole } from './console.context.ts';
import { errorText, refusalText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** Police: the form to tell a school. Shown when the account's organisation can send (police). */
function SendForm({ onSent }: { onSent: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const schools = useLoad(() => api.hwcSchools(), []);
  const id = useId();
  const [schoolId, setSchoolId] = useState('');
  const [childName, setChildName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [group, setGroup] = useState('');
  const [incidentOn, setIncidentOn] = useState(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()));
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!schoolId || !childName.trim() || !birthDate || !incidentOn) return setError(t('hwc.required'));
    try {
      const signal = await api.sendHwcSignal({ schoolId, childName: childName.trim(), childBirthDate: birthDate, childGroup: group.trim() || null, incidentOn });
      setError(null);
      setChildName('');
      setBirthDate('');
      setGroup('');
      onSent(t('hwc.sent', { date: formatDateTime(signal.dueAt, i18n.language) }));
    } catch (err) {
      setError(refusalText(t, err));
    }
  };
  return (
    <section aria-labelledby={id} className="signaal-section signaal-panel">
      <Heading2 id={id}>{t('hwc.sendTitle')}</Heading2>
      <Paragraph>{t('hwc.introPolice')}</Paragraph>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="signaal-form">
        <FormAlert message={error} />
        <Field label={t('hwc.school')} required>
          {(c) => (
            <Select {...c} name="school" value={schoolId} onChange={(e: ChangeEvent<HTMLSelectElement>) => setSchoolId(e.target.value)}>
              <SelectOption value="">{t('caseDetail.choose')}</SelectOption>
              {(schools.data?.items ?? []).map((s) => (
                <SelectOption key={s.id} value={s.id}>
                  {s.name}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('hwc.childName')} required>
          {(c) => <Textbox {...c} name="childName" autoComplete="off" maxLength={200} value={childName} onChange={(e: ChangeEvent<HTMLInputElement>) => setChildName(e.target.value)} />}
        </Field>
        <Field label={t('hwc.childBirthDate')} required>
          {(c) => <Textbox {...c} type="date" name="childBirthDate" value={birthDate} onChange={(e: ChangeEvent<HTMLInputElement>) => setBirthDate(e.target.value)} />}
        </Field>
        <Field label={t('hwc.group')}>
          {(c) => <Textbox {...c} name="childGroup" maxLength={50} value={group} onChange={(e: ChangeEvent<HTMLInputElement>) => setGroup(e.target.value)} />}
        </Field>
        <Field label={t('hwc.incidentOn')} required>
          {(c) => <Textbox {...c} type="date" name="incidentOn" value={incidentOn} onChange={(e: ChangeEvent<HTMLInputElement>) => setIncidentOn(e.target.value)} />}
        </Field>
        <Button type="submit" appearance="primary-action-button">
          {t('hwc.sendSubmit')}
        </Button>
      </form>
    </section>
  );
}

/**
 * Handle with Care. A school's contact person sees the signals for the own school (a child may
 * need extra care, nothing more) and acknowledges them; the police send them.
 */
export function HwcView({ police }: { police: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const { data, error, reload } = useLoad(() => api.hwcSignals(), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const lang = i18n.language;
  const acknowledge = async (id: string): Promise<void> => {
    try {
      await api.acknowledgeHwcSignal(id);
      setActionError(null);
      setNotice(t('hwc.acknowledgedNotice'));
      reload();
    } catch (err) {
      setActionError(err instanceof ApiError && err.status === 409 ? err.message : errorText(t, err));
    }
  };
  return (
    <>
      <PageTitle documentTitle={t('hwc.title')}>{t('hwc.title')}</PageTitle>
      {police ? null : <Paragraph>{t('hwc.introSchool')}</Paragraph>}
      {notice ? (
        <Alert type="ok" role="status" className="signaal-alert">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <FormAlert message={actionError ?? (error ? errorText(t, error) : null)} />
      {police ? (
        <SendForm
          onSent={(m) => {
            setNotice(m);
            reload();
          }}
        />
      ) : null}
      {data && data.items.length === 0 ? <Paragraph>{t('hwc.empty')}</Paragraph> : null}
      {data && data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table>
            <TableCaption>{t('hwc.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('hwc.child')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('hwc.born')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('hwc.group')}</TableHeaderCell>
                {police ? <TableHeaderCell scope="col">{t('hwc.school')}</TableHeaderCell> : null}
                <TableHeaderCell scope="col">{t('hwc.receivedAt')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('hwc.signal')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((s) => (
                <TableRow key={s.id}>
                  <TableHeaderCell scope="row">{s.childName}</TableHeaderCell>
                  <TableCell>{formatDay(s.childBirthDate, lang)}</TableCell>
                  <TableCell>{s.childGroup ?? t('common.none')}</TableCell>
                  {police ? <TableCell>{s.school.name}</TableCell> : null}
                  <TableCell>{formatDateTime(s.sentAt, lang)}</TableCell>
                  <TableCell>
                    {t('hwc.signalText')}.{' '}
                    {s.acknowledgedAt ? (
                      t('hwc.acknowledged', { date: formatDateTime(s.acknowledgedAt, lang) })
                    ) : police ? null : (
                      <Button type="button" appearance="secondary-action-button" onClick={() => void acknowledge(s.id)}>
                        {t('hwc.acknowledge', { name: s.childName })}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </>
  );
}
