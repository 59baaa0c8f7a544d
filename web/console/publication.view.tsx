import { useState, type ChangeEvent } from 'react';
import {
  Heading,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { formatIsoWeek, isoWeekDates, isoWeekOf } from '../../src/domain/stats/weekly-update.ts';
import type { WeekFigures } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/** The last `n` complete ISO weeks, newest first (the update is made on Monday for last week). */
function recentWeeks(n: number): { code: string; from: string; to: string }[] {
  const today = new Date();
  return Array.from({ length: n }, (_, i) => {
    const w = isoWeekOf(new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() - 7 * (i + 1))));
    return { code: formatIsoWeek(w), ...isoWeekDates(w) };
  });
}

/**
 * Weekupdate: the weekly national update for analysts, team leads and admins, with exact counts,
 * and the disclosure-controlled PDF that goes to the ministry.
 */
export function WeeklyUpdateView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const weeks = recentWeeks(12);
  const [week, setWeek] = useState(weeks[0]!.code);
  const { data, error, loading } = useLoad(() => api.weeklyUpdate(week), [week]);
  const settings = useLoad(() => api.cbsTables(), []);
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL');
  const share = (p: number | null) => (p === null ? t('common.none') : `${p}%`);
  const cells = (now: WeekFigures, before: WeekFigures, acute: { thisWeek: number | null; lastYear: number | null }) => (
    <>
      <TableCell>{number(now.meldingen)}</TableCell>
      <TableCell>{number(before.meldingen)}</TableCell>
      <TableCell>{number(now.adviezen)}</TableCell>
      <TableCell>{number(before.adviezen)}</TableCell>
      <TableCell>{number(now.chats)}</TableCell>
      <TableCell>{number(before.chats)}</TableCell>
      <TableCell>{share(acute.thisWeek)}</TableCell>
      <TableCell>{share(acute.lastYear)}</TableCell>
    </>
  );

  return (
    <>
      <PageTitle documentTitle={t('weekly.title')}>{t('weekly.title')}</PageTitle>
      <Paragraph>{t('weekly.intro')}</Paragraph>
      <div className="signaal-form signaal-filter-grid">
        <Field label={t('weekly.week')}>
          {(c) => (
            <Select {...c} name="week" value={week} onChange={(e: ChangeEvent<HTMLSelectElement>) => setWeek(e.target.value)}>
              {weeks.map((w) => (
                <SelectOption key={w.code} value={w.code}>
                  {t('weekly.weekOption', { week: w.code, from: w.from, to: w.to })}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <FormAlert message={error ? errorText(t, error) : null} />
      {loading && !data ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
      {data ? (
        <>
          <Paragraph>{t('weekly.compared', { week: data.lastYearWeek, from: data.lastYearFrom, to: data.lastYearTo })}</Paragraph>
          <Paragraph>
            <Link href={`/api/reports/weekly.pdf?week=${encodeURIComponent(data.week)}`} download>
              {t('weekly.pdf', { week: data.week })}
            </Link>
          </Paragraph>
          {settings.data ? <Paragraph appearance="small">{t('weekly.pdfNote', { base: settings.data.roundingBase, threshold: settings.data.threshold })}</Paragraph> : null}
          <section aria-labelledby="weekly-notes-title" className="signaal-section">
            <Heading level={2} id="weekly-notes-title">
              {t('weekly.notesTitle')}
            </Heading>
            {data.notes.length === 0 ? (
              <Paragraph>{t('weekly.notesNone')}</Paragraph>
            ) : (
              <UnorderedList>
                {data.notes.map((n) => (
                  <UnorderedListItem key={n}>{n}</UnorderedListItem>
                ))}
              </UnorderedList>
            )}
            <Paragraph appearance="small">{t('weekly.notesRule')}</Paragraph>
          </section>
          <div className="signaal-table-scroll">
            <Table>
              <TableCaption>{t('weekly.caption', { week: data.week, lastYear: data.lastYearWeek })}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('weekly.region')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('weekly.meldingen')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{`${t('weekly.meldingen')} ${t('weekly.lastYear')}`}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('weekly.adviezen')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{`${t('weekly.adviezen')} ${t('weekly.lastYear')}`}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('weekly.chats')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{`${t('weekly.chats')} ${t('weekly.lastYear')}`}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('weekly.acute')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{`${t('weekly.acute')} ${t('weekly.lastYear')}`}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.regions.map((r) => (
                  <TableRow key={r.code}>
                    <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
                    {cells(r.thisWeek, r.lastYear, r.acuteShare)}
                  </TableRow>
                ))}
                <TableRow>
                  <TableHeaderCell scope="row">{t('weekly.withoutRegion')}</TableHeaderCell>
                  {cells(
                    { meldingen: 0, adviezen: 0, acuteMeldingen: 0, chats: data.chatsWithoutRegion.thisWeek },
                    { meldingen: 0, adviezen: 0, acuteMeldingen: 0, chats: data.chatsWithoutRegion.lastYear },
                    { thisWeek: null, lastYear: null },
                  )}
                </TableRow>
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableHeaderCell scope="row">{t('weekly.national')}</TableHeaderCell>
                  {cells(data.national.thisWeek, data.national.lastYear, data.national.acuteShare)}
                </TableRow>
              </TableFooter>
            </Table>
          </div>
        </>
      ) : null}
    </>
  );
}

/** The half years that can be delivered: the current one and the four before it, newest first. */
function recentHalfYears(): { code: string; year: number; half: 1 | 2 }[] {
  const now = new Date();
  let year = now.getFullYear();
  let half: 1 | 2 = now.getMonth() < 6 ? 1 : 2;
  const out: { code: string; year: number; half: 1 | 2 }[] = [];
  for (let i = 0; i < 5; i++) {
    out.push({ code: `${year}-H${half}`, year, half });
    if (half === 2) half = 1;
    else {
      half = 2;
      year -= 1;
    }
  }
  return out;
}

/** CBS-levering: the semi-annual tables as CSV downloads (disclosure-controlled on the server). */
export function CbsDeliveryView() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const periods = recentHalfYears();
  // The last complete half year is the one usually delivered.
  const [period, setPeriod] = useState(periods[1]!.code);
  const { data, error } = useLoad(() => api.cbsTables(), []);
  return (
    <>
      <PageTitle documentTitle={t('cbs.title')}>{t('cbs.title')}</PageTitle>
      {data ? <Paragraph>{t('cbs.intro', { base: data.roundingBase, threshold: data.threshold })}</Paragraph> : null}
      <div className="signaal-form signaal-filter-grid">
        <Field label={t('cbs.period')}>
          {(c) => (
            <Select {...c} name="period" value={period} onChange={(e: ChangeEvent<HTMLSelectElement>) => setPeriod(e.target.value)}>
              {periods.map((p) => (
                <SelectOption key={p.code} value={p.code}>
                  {t('cbs.half', { half: p.half, year: p.year })}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <section aria-labelledby="cbs-tables-title" className="signaal-section">
          <Heading level={2} id="cbs-tables-title">
            {t('cbs.tablesTitle')}
          </Heading>
          <UnorderedList>
            {data.tables.map((tb) => (
              <UnorderedListItem key={tb.id}>
                <Link href={`/api/reports/cbs.csv?table=${tb.id}&period=${period}`} download>
                  {t('cbs.download', { id: tb.id, title: tb.title })}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
    </>
  );
}
