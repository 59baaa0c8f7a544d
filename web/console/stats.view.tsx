import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Heading, Link, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsGrain, StatsTable } from './api.types.ts';
import { useCan, useConsole, useSession } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

/**
 * Figures dashboards (issue 8): every table of GET /api/stats/dashboard as a chart with the same
 * numbers in a table below it, and CSV / XLSX downloads of each table. This module is loaded lazily
 * (shell.view.tsx), so the chart library costs nothing until someone opens the page.
 */

const GRAINS: readonly StatsGrain[] = ['week', 'month', 'half-year', 'year'];
// Distinct colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
const COLOURS = ['#01689b', '#d52b1e', '#39870c', '#6d3a8c', '#a35500', '#007b78'];
const MAX_BARS = 30;

function amsterdamToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Default range: the last twelve whole months and the current one. */
function defaultRange(): { from: string; to: string } {
  const today = amsterdamToday();
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return { from: `${y - 1}-${String(m).padStart(2, '0')}-01`, to: today };
}

/** The text for a category code of a table (channel, reporter group, ...), else the code itself. */
function valueLabel(t: TFunction, table: string, value: string | number | null): string {
  if (value === null) return t('stats.unknown');
  const v = String(value);
  if (v === 'onbekend') return t('stats.unknown');
  const key =
    table === 'kanaal' ? `enums.channel.${v}` :
    table === 'melder' ? `enums.reporterGroup.${v}` :
    table === 'geweldsvorm' ? `enums.violenceType.${v}` :
    table === 'overdracht' ? `partnerOrgs.types.${v}` :
    table === 'meldcode' ? `meldcodeFigures.events.${v}` :
    null;
  return key ? t(key, { defaultValue: v }) : v;
}

export function StatsView() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const session = useSession();
  const can = useCan();
  const initial = defaultRange();
  // The form edits a draft; "Toon" applies it, so typing a date does not fire a request per key.
  const [draft, setDraft] = useState({ region: 'NL', grain: 'month' as StatsGrain, ...initial });
  const [query, setQuery] = useState(draft);
  const year = Number(amsterdamToday().slice(0, 4));
  const regions = useLoad(() => (can('regions:read') ? api.regions(year) : Promise.resolve(null)), [year]);
  const { data, error, loading } = useLoad(() => api.statsDashboard(query), [query.region, query.grain, query.from, query.to]);
  const regionOptions = regions.data?.regions ?? [{ code: session.user.region.code, name: session.user.region.name }];
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  const number = (n: number) => n.toLocaleString(locale);
  const download = (id: string, format: 'csv' | 'xlsx') => `/api/stats/tables/${id}?${new URLSearchParams({ ...query, format }).toString()}`;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery(draft);
  };

  return (
    <>
      <PageTitle documentTitle={t('stats.title')}>{t('stats.title')}</PageTitle>
      <Paragraph>{t('stats.intro')}</Paragraph>
      <form className="signaal-form signaal-filter-grid" onSubmit={apply} aria-label={t('stats.title')}>
        <Field label={t('stats.region')}>
          {(c) => (
            <Select {...c} name="region" value={draft.region} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDraft({ ...draft, region: e.target.value })}>
              <SelectOption value="NL">{t('stats.national')}</SelectOption>
              {regionOptions.map((r) => (
                <SelectOption key={r.code} value={r.code}>
                  {r.name} ({r.code})
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('stats.grain')}>
          {(c) => (
            <Select {...c} name="grain" value={draft.grain} onChange={(e: ChangeEvent<HTMLSelectElement>) => setDraft({ ...draft, grain: e.target.value as StatsGrain })}>
              {GRAINS.map((g) => (
                <SelectOption key={g} value={g}>
                  {t(`stats.grains.${g}`)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('stats.from')}>
          {(c) => <Textbox {...c} name="from" type="date" value={draft.from} onChange={(e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t('stats.to')}>
          {(c) => <Textbox {...c} name="to" type="date" value={draft.to} onChange={(e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <div className="signaal-actions">
          <Button type="submit" appearance="primary-action-button">{t('stats.apply')}</Button>
        </div>
      </form>
      <FormAlert message={error ? errorText(t, error) : null} />
      {loading ? <Paragraph role="status">{t('app.loading')}</Paragraph> : null}
      {data ? (
        <>
          <Paragraph>
            <strong>{data.region ? `${data.region.name} (${data.region.code})` : t('stats.national')}</strong>
            {', '}
            {t(`stats.grains.${data.grain}`).toLowerCase()} {data.from} – {data.to}. {t('stats.comparedWith', { from: data.earlier.from, to: data.earlier.to })}
          </Paragraph>
          <nav aria-labelledby="stats-contents">
            <Heading level={2} id="stats-contents">{t('stats.contents')}</Heading>
            <ul className="signaal-stats-contents">
              {data.tables.map((table) => (
                <li key={table.id}>
                  <Link href={`#stats-${table.id}`}>{t(`stats.tables.${table.id}`)}</Link>
                </li>
              ))}
            </ul>
          </nav>
          {data.tables.map((table) => (
            <StatsSection key={table.id} table={table} number={number} downloadHref={(f) => download(table.id, f)} />
          ))}
        </>
      ) : null}
    </>
  );
}

function StatsSection({ table, number, downloadHref }: { table: StatsTable; number: (n: number) => string; downloadHref: (f: 'csv' | 'xlsx') => string }) {
  const { t } = useTranslation();
  const title = t(`stats.tables.${table.id}`);
  const headingId = `stats-${table.id}`;
  const categoryIndex = table.columns.findIndex((c) => c.key === table.chart.category);
  const seriesIndex = table.chart.series.map((s) => table.columns.findIndex((c) => c.key === s)).filter((i) => i >= 0);
  const isLabel = (key: string) => table.columns.find((c) => c.key === key)?.kind === 'label';
  const cellText = (key: string, v: string | number | null) => {
    if (isLabel(key)) return key === 'periode' || key === 'code' || key === 'naam' ? (v === null ? t('stats.unknown') : String(v)) : valueLabel(t, table.id, v);
    if (v === null) return '–';
    return typeof v === 'number' ? number(v) : v;
  };
  // Charts draw at most MAX_BARS categories (the biggest); the table always has every row.
  const chartRows = (table.chart.type === 'bar' && table.rows.length > MAX_BARS
    ? [...table.rows].sort((a, b) => Number(b[seriesIndex[0] ?? 1] ?? 0) - Number(a[seriesIndex[0] ?? 1] ?? 0)).slice(0, MAX_BARS)
    : table.rows
  ).map((r) => {
    const point: Record<string, string | number> = { category: cellText(table.chart.category, r[categoryIndex] ?? null) };
    for (const i of seriesIndex) point[table.columns[i]!.key] = Number(r[i] ?? 0);
    return point;
  });
  const seriesKeys = seriesIndex.map((i) => table.columns[i]!.key);

  return (
    <section aria-labelledby={headingId} className="signaal-stats-section">
      <Heading level={2} id={headingId}>{title}</Heading>
      {table.rows.length === 0 ? (
        <Paragraph>{t('stats.none')}</Paragraph>
      ) : (
        <figure className="signaal-stats-figure">
          {/* The chart repeats the table below it; screen readers get the table. */}
          <figcaption className="signaal-visually-hidden">{t('stats.chartOf', { title })}</figcaption>
          <div className="signaal-stats-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={300}>
              {table.chart.type === 'line' ? (
                <LineChart data={chartRows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid stroke="#d0d0d0" strokeDasharray="3 3" />
                  <XAxis dataKey="category" tick={{ fontSize: 12 }} />
                  <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                  <Tooltip />
                  <Legend />
                  {seriesKeys.map((k, i) => (
                    <Line key={k} type="monotone" dataKey={k} name={t(`stats.columns.${k}`)} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} strokeDasharray={k.endsWith('VorigJaar') ? '5 4' : undefined} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              ) : (
                <BarChart data={chartRows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                  <CartesianGrid stroke="#d0d0d0" strokeDasharray="3 3" />
                  <XAxis dataKey="category" tick={{ fontSize: 12 }} interval={0} angle={-30} textAnchor="end" height={80} />
                  <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                  <Tooltip />
                  <Legend verticalAlign="top" />
                  {seriesKeys.map((k, i) => (
                    <Bar key={k} dataKey={k} name={t(`stats.columns.${k}`)} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
        </figure>
      )}
      <div className="signaal-table-scroll">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{title}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className={`utrecht-table__header-cell${c.kind === 'label' ? '' : ' utrecht-table__header-cell--numeric'}`}>
                  {t(`stats.columns.${c.key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {table.rows.map((r, ri) => (
              <tr key={ri} className="utrecht-table__row">
                {table.columns.map((c, ci) =>
                  ci === 0 ? (
                    <th key={c.key} scope="row" className="utrecht-table__header-cell">{cellText(c.key, r[ci] ?? null)}</th>
                  ) : (
                    <td key={c.key} className={`utrecht-table__cell${c.kind === 'label' ? '' : ' utrecht-table__cell--numeric'}`}>{cellText(c.key, r[ci] ?? null)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Paragraph className="signaal-stats-downloads">
        {t('stats.download')}:{' '}
        <Link href={downloadHref('csv')} download aria-label={t('stats.downloadCsv', { title })}>{t('stats.csv')}</Link>
        {' · '}
        <Link href={downloadHref('xlsx')} download aria-label={t('stats.downloadXlsx', { title })}>{t('stats.xlsx')}</Link>
      </Paragraph>
    </section>
  );
}
