import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeldcodeFigures } from './api.types.ts';
import { useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { FormAlert } from './form-alert.component.tsx';
import { PageTitle } from './page-title.component.tsx';
import { useLoad } from './use-load.hook.ts';

// Use of the meldcode tool and of the pharmacy codeword per month and region: counts only.

const EVENTS = ['gestart', 'stap-1', 'stap-2', 'stap-3', 'stap-4', 'stap-5', 'advies-gevraagd', 'uitkomst-melding', 'uitkomst-hulp-met-monitoring', 'uitkomst-afgesloten'] as const;
const PATHS = ['alleen', 'begeleid', 'acuut'] as const;

function thisMonth(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date());
}

/** Rows per month and region, with a column per event and codeword path. */
export function figureRows(f: MeldcodeFigures): { month: string; region: string; events: Record<string, number>; paths: Record<string, number> }[] {
  const rows = new Map<string, { month: string; region: string; events: Record<string, number>; paths: Record<string, number> }>();
  const row = (month: string, region: string) => {
    const key = `${month}|${region}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { month, region, events: {}, paths: {} }));
    return r;
  };
  for (const u of f.usage) {
    const r = row(u.month, u.regionCode);
    r.events[u.event] = (r.events[u.event] ?? 0) + u.count;
  }
  for (const c of f.codeword) {
    const r = row(c.month, c.regionCode);
    r.paths[c.path] = (r.paths[c.path] ?? 0) + c.count;
  }
  return [...rows.values()].sort((a, b) => (a.month === b.month ? a.region.localeCompare(b.region) : a.month.localeCompare(b.month)));
}

export function MeldcodeFiguresView() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const now = thisMonth();
  const [from, setFrom] = useState(`${now.slice(0, 4)}-01`);
  const [to, setTo] = useState(now);
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to);
  const figures = useLoad(() => (valid ? api.meldcodeFigures(from, to) : Promise.resolve({ usage: [], codeword: [] })), [from, to]);
  const rows = figures.data ? figureRows(figures.data) : [];
  return (
    <>
      <PageTitle documentTitle={t('meldcodeFigures.title')}>{t('meldcodeFigures.title')}</PageTitle>
      <p className="utrecht-paragraph">{t('meldcodeFigures.intro')}</p>
      <div className="signaal-form signaal-inline-fields">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="figures-from">{t('meldcodeFigures.from')}</label>
          <input className="utrecht-textbox" id="figures-from" type="month" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="figures-to">{t('meldcodeFigures.to')}</label>
          <input className="utrecht-textbox" id="figures-to" type="month" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
      </div>
      <FormAlert message={figures.error ? errorText(t, figures.error) : null} />
      <div className="signaal-table-scroll">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{t('meldcodeFigures.caption')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{t('meldcodeFigures.month')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('meldcodeFigures.region')}</th>
              {EVENTS.map((e) => <th key={e} scope="col" className="utrecht-table__header-cell">{t(`meldcodeFigures.events.${e}`)}</th>)}
              {PATHS.map((p) => <th key={p} scope="col" className="utrecht-table__header-cell">{t(`meldcodeFigures.paths.${p}`)}</th>)}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map((r) => (
              <tr key={`${r.month}|${r.region}`} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">{r.month}</th>
                <td className="utrecht-table__cell">{r.region === 'onbekend' ? t('meldcodeFigures.unknownRegion') : r.region}</td>
                {EVENTS.map((e) => <td key={e} className="utrecht-table__cell utrecht-table__cell--numeric">{r.events[e] ?? 0}</td>)}
                {PATHS.map((p) => <td key={p} className="utrecht-table__cell utrecht-table__cell--numeric">{r.paths[p] ?? 0}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {figures.data && rows.length === 0 && <p className="utrecht-paragraph">{t('meldcodeFigures.none')}</p>}
    </>
  );
}
