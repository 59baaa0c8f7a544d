import { useId, useState, type ChangeEvent } from 'react';
import {
  Checkbox,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { CaseCounts, CaseSummary, DeadlineState, NormMonth } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { ConsoleLink } from './console-link.component.tsx';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { formatDateTime } from './format.ts';
import { PageTitle } from './page-title.component.tsx';
import { RestrictedStubs, UnreviewedBreakGlassNotice } from './restriction.component.tsx';
import { useLoad } from './use-load.hook.ts';
import './cases.css';

const ZONE = 'Europe/Amsterdam';

function locale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

/** A date as staff read it in the Netherlands, with the weekday ("vr 13 mrt 2026"). */
export function formatDay(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** The assessment deadline: an acute case is due at a moment, the others at the end of a working day. */
export function formatDue(c: Pick<CaseSummary, 'acute' | 'assessmentDue'>, lang: string): string {
  return c.acute ? formatDateTime(c.assessmentDue, lang) : formatDay(c.assessmentDue, lang);
}

/** The deadline status as text, with colour only as an extra cue. */
export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const { t } = useTranslation();
  return <span className={`signaal-badge signaal-deadline--${state}`}>{t(`cases.deadlines.${state}`)}</span>;
}

export function AcuteMarker({ acute }: { acute: boolean }) {
  const { t } = useTranslation();
  return acute ? (
    <span className="signaal-badge signaal-badge--acute">{t('cases.acute')}</span>
  ) : (
    <>
      <span aria-hidden="true">{t('common.none')}</span>
      <span className="signaal-visually-hidden">{t('cases.notAcute')}</span>
    </>
  );
}

const COUNT_KEYS: readonly (keyof CaseCounts)[] = ['overdue', 'dueToday', 'atRisk', 'open', 'unassigned'];

function Counts({ counts }: { counts: CaseCounts }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="signaal-case-counts">
      <Heading2 id={headingId} className="signaal-visually-hidden">
        {t('cases.countsTitle')}
      </Heading2>
      <ul>
        {COUNT_KEYS.map((key) => (
          <li key={key} className={`signaal-case-count signaal-case-count--${key}`}>
            <span className="signaal-case-count__number">{counts[key]}</span>{' '}
            <span className="signaal-case-count__label">{t(`cases.counts.${key}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CasesView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [mine, setMine] = useState(false);
  const { data, error, loading } = useLoad(() => api.cases(mine), [mine]);
  const none = t('common.none');

  return (
    <>
      <PageTitle documentTitle={t('cases.title')}>{t('cases.title')}</PageTitle>
      <Paragraph>{t('cases.intro')}</Paragraph>
      <UnreviewedBreakGlassNotice />
      {data ? <Counts counts={data.counts} /> : null}

      <FormField type="checkbox" className="signaal-checkbox signaal-field">
        <Checkbox
          id="cases-mine"
          name="mine"
          checked={mine}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setMine(e.target.checked)}
        />
        <FormLabel htmlFor="cases-mine" type="checkbox">
          {t('cases.mineOnly')}
        </FormLabel>
      </FormField>

      <FormAlert message={error ? errorText(t, error) : null} />
      <div aria-live="polite">
        {loading ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
        {!loading && data && data.items.length === 0 ? <Paragraph>{t(mine ? 'cases.emptyMine' : 'cases.empty')}</Paragraph> : null}
      </div>
      {data && data.items.length > 0 ? (
        <div className="signaal-table-scroll">
          <Table className="signaal-cases-table" aria-busy={loading ? 'true' : undefined}>
            <TableCaption>{t(mine ? 'cases.captionMine' : 'cases.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('cases.acute')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.receivedAt')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.municipality')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.violenceType')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.state')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.assignedTo')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.nextDue')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.deadlineStatus')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((c) => {
                const date = formatDateTime(c.receivedAt, i18n.language);
                return (
                  <TableRow key={c.id} className={c.acute ? 'signaal-cases-table__acute' : undefined}>
                    <TableCell>
                      <AcuteMarker acute={c.acute} />
                    </TableCell>
                    <TableCell>
                      <ConsoleLink to={`/cases/${c.id}`} aria-label={t('cases.openLabel', { date })}>
                        {date}
                      </ConsoleLink>
                    </TableCell>
                    <TableCell>{c.municipalityName ?? none}</TableCell>
                    <TableCell>{c.violenceType ? t(`enums.violenceType.${c.violenceType}`, { defaultValue: c.violenceType }) : none}</TableCell>
                    <TableCell>
                      {t(`cases.states.${c.state}`)}
                      {c.monitoringSignal ? (
                        <>
                          {' '}
                          <span className="signaal-badge signaal-badge--acute">{t('cases.monitoringSignal')}</span>
                        </>
                      ) : null}
                    </TableCell>
                    <TableCell>{c.assignedTo?.displayName ?? t('cases.unassigned')}</TableCell>
                    <TableCell>
                      {c.nextDue
                        ? `${t(`cases.dueKinds.${c.nextDue.kind}`)}: ${c.nextDue.kind === 'beoordeling' ? formatDue(c, i18n.language) : formatDay(c.nextDue.due, i18n.language)}`
                        : t('cases.noDue')}
                    </TableCell>
                    <TableCell>{c.nextDue ? <DeadlineBadge state={c.nextDue.deadline} /> : <DeadlineBadge state={c.deadline} />}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}

      <RestrictedStubs />
      <NormPanel />
    </>
  );
}

/** The two norms of the year: assessments within 5 working days, investigations within 10 weeks. */
function NormPanel() {
  const { api } = useConsole();
  const now = new Date();
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric' }).format(now));
  const { data, error } = useLoad(() => api.caseNorms(year), [year]);
  return (
    <>
      <NormTable year={year} kind="assessment" norm={data ? { target: data.target, months: data.months } : null} error={error} />
      <NormTable year={year} kind="investigation" norm={data?.investigations ?? null} error={error} />
    </>
  );
}

/** Per month of the current year: deadlines that fell, met on time, and the share against the norm. */
function NormTable({ year, kind, norm, error }: { year: number; kind: 'assessment' | 'investigation'; norm: { target: number; months: NormMonth[] } | null; error: unknown }) {
  const { t, i18n } = useTranslation();
  const data = norm;
  const currentMonth = Number(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, month: 'numeric' }).format(new Date()));
  const headingId = useId();
  const lang = locale(i18n.language);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const monthName = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'long' });
  const target = data ? Math.round(data.target * 100) : kind === 'assessment' ? 90 : 80;

  // Every month so far this year, also those without assessments due (the server lists only those with).
  const months = Array.from({ length: currentMonth }, (_, i) => {
    const key = `${year}-${String(i + 1).padStart(2, '0')}`;
    const found = data?.months.find((m) => m.month === key);
    return { key, index: i, due: found?.due ?? 0, onTime: found?.onTime ?? 0, share: found?.share ?? null };
  });

  return (
    <section aria-labelledby={headingId} className="signaal-section">
      <Heading2 id={headingId}>{t(kind === 'assessment' ? 'norms.title' : 'norms.investigationTitle', { year })}</Heading2>
      <Paragraph>{t(kind === 'assessment' ? 'norms.intro' : 'norms.investigationIntro', { target })}</Paragraph>
      <FormAlert message={error ? errorText(t, error) : null} />
      {data ? (
        <div className="signaal-table-scroll">
          <Table className="signaal-norms-table" aria-labelledby={headingId}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('norms.month')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('norms.due')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('norms.onTime')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="signaal-number">{t('norms.share')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('norms.met')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {months.map((m) => (
                <TableRow key={m.key}>
                  <TableHeaderCell scope="row">{monthName.format(new Date(Date.UTC(year, m.index, 15)))}</TableHeaderCell>
                  <TableCell className="signaal-number">{m.due}</TableCell>
                  <TableCell className="signaal-number">{m.onTime}</TableCell>
                  <TableCell className="signaal-number">{m.share === null ? t('norms.noData') : percent.format(m.share)}</TableCell>
                  <TableCell>
                    {m.share === null ? (
                      t('common.none')
                    ) : m.share >= data.target ? (
                      <span className="signaal-badge signaal-deadline--done-on-time">{t('norms.yes')}</span>
                    ) : (
                      <span className="signaal-badge signaal-deadline--overdue">{t('norms.no')}</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
