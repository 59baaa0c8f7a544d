import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Open data: adviezen and meldingen per Veilig Thuis region and year. A lazy chunk with its own
// texts (the first load of the public site has a size budget). The page shows what the server
// sends and nothing else: the server applies the disclosure control (rounded counts, small
// cells and the cells they could be recomputed from hidden as null), so no raw count can reach
// this page.

type Cell = number | null;
interface OpenData {
  year: number;
  years: number[];
  threshold: number;
  roundingBase: number;
  contacts: { rows: { code: string; name: string; adviezen: Cell; meldingen: Cell; totaal: Cell }[]; nederland: { adviezen: Cell; meldingen: Cell; totaal: Cell } };
  violence: { types: string[]; rows: { code: string; name: string; counts: Cell[]; totaal: Cell }[]; nederland: { counts: Cell[]; totaal: Cell } };
}

const TEXTS = {
  nl: {
    title: 'Cijfers van Veilig Thuis',
    intro: 'Hoeveel adviesvragen en meldingen de Veilig Thuis-organisaties per regio ontvingen, per jaar. Zo kan iedereen de cijfers gebruiken, zonder dat iemand herkenbaar wordt.',
    rule: 'Alle aantallen zijn afgerond op {{base}}. Een punt (.) betekent: minder dan {{threshold}}, of verborgen omdat het anders uit de andere cijfers terug te rekenen is. Door afronding tellen de regio’s niet altijd precies op tot Nederland.',
    year: 'Jaar',
    contactsTitle: 'Adviezen en meldingen per regio',
    contactsCaption: 'Adviezen en meldingen per Veilig Thuis-regio in {{year}}',
    violenceTitle: 'Meldingen per soort geweld',
    violenceCaption: 'Meldingen per soort geweld en Veilig Thuis-regio in {{year}}',
    region: 'Regio',
    adviezen: 'Adviezen',
    meldingen: 'Meldingen',
    totaal: 'Totaal',
    nederland: 'Nederland',
    hidden: 'verborgen',
    failed: 'De cijfers konden niet worden geladen. Probeer het later opnieuw.',
    loading: 'Cijfers laden…',
    violence: {
      kindermishandeling: 'Kindermishandeling',
      partnergeweld: '(Ex-)partnergeweld',
      ouderenmishandeling: 'Ouderenmishandeling',
      'geweld-tegen-ouders': 'Geweld tegen ouders',
      'huiselijk-geweld-overig': 'Huiselijk geweld overig',
      onbekend: 'Onbekend',
    } as Record<string, string>,
  },
  en: {
    title: 'Veilig Thuis figures',
    intro: 'How many advice requests and reports the Veilig Thuis organisations received per region, per year. Anyone can use these figures without anyone becoming recognisable.',
    rule: 'All counts are rounded to {{base}}. A dot (.) means: fewer than {{threshold}}, or hidden because it could otherwise be recomputed from the other figures. Because of rounding, regions do not always add up exactly to the Netherlands.',
    year: 'Year',
    contactsTitle: 'Advice requests and reports per region',
    contactsCaption: 'Advice requests and reports per Veilig Thuis region in {{year}}',
    violenceTitle: 'Reports per type of violence',
    violenceCaption: 'Reports per type of violence and Veilig Thuis region in {{year}}',
    region: 'Region',
    adviezen: 'Advice requests',
    meldingen: 'Reports',
    totaal: 'Total',
    nederland: 'Netherlands',
    hidden: 'hidden',
    failed: 'The figures could not be loaded. Please try again later.',
    loading: 'Loading figures…',
    violence: {
      kindermishandeling: 'Child abuse',
      partnergeweld: '(Ex-)partner violence',
      ouderenmishandeling: 'Elder abuse',
      'geweld-tegen-ouders': 'Violence against parents',
      'huiselijk-geweld-overig': 'Other domestic violence',
      onbekend: 'Unknown',
    } as Record<string, string>,
  },
};

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

export function OpenDataPage() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const tx = TEXTS[lang];
  const [year, setYear] = useState<number | null>(null);
  const [data, setData] = useState<OpenData | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.title = `${tx.title} – Veilig Thuis`;
  }, [tx.title]);

  useEffect(() => {
    const abort = new AbortController();
    setFailed(false);
    fetch(`/api/public/open-data${year === null ? '' : `?year=${year}`}`, { signal: abort.signal, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<OpenData>) : Promise.reject(new Error(String(r.status)))))
      .then(setData)
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [year]);

  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  const cell = (v: Cell) =>
    v === null ? (
      <td className="utrecht-table__cell utrecht-table__cell--numeric-column">
        <abbr title={tx.hidden}>.</abbr>
      </td>
    ) : (
      <td className="utrecht-table__cell utrecht-table__cell--numeric-column">{v.toLocaleString(locale)}</td>
    );

  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{tx.title}</h1>
      <p className="utrecht-paragraph">{tx.intro}</p>
      {failed ? <p className="utrecht-paragraph" role="alert">{tx.failed}</p> : null}
      {!data && !failed ? <p className="utrecht-paragraph" role="status">{tx.loading}</p> : null}
      {data ? (
        <>
          <p className="utrecht-paragraph">{fill(tx.rule, { base: data.roundingBase, threshold: data.threshold })}</p>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="open-data-year">{tx.year}</label>
            <select className="utrecht-select" id="open-data-year" value={data.year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {data.years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </div>
          <h2 className="utrecht-heading-2">{tx.contactsTitle}</h2>
          <div className="signaal-table-scroll">
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">{fill(tx.contactsCaption, { year: data.year })}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">{tx.region}</th>
                  <th className="utrecht-table__header-cell" scope="col">{tx.adviezen}</th>
                  <th className="utrecht-table__header-cell" scope="col">{tx.meldingen}</th>
                  <th className="utrecht-table__header-cell" scope="col">{tx.totaal}</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.contacts.rows.map((r) => (
                  <tr className="utrecht-table__row" key={r.code}>
                    <th className="utrecht-table__header-cell" scope="row">{r.name}</th>
                    {cell(r.adviezen)}
                    {cell(r.meldingen)}
                    {cell(r.totaal)}
                  </tr>
                ))}
              </tbody>
              <tfoot className="utrecht-table__footer">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{tx.nederland}</th>
                  {cell(data.contacts.nederland.adviezen)}
                  {cell(data.contacts.nederland.meldingen)}
                  {cell(data.contacts.nederland.totaal)}
                </tr>
              </tfoot>
            </table>
          </div>
          <h2 className="utrecht-heading-2">{tx.violenceTitle}</h2>
          <div className="signaal-table-scroll">
            <table className="utrecht-table">
              <caption className="utrecht-table__caption">{fill(tx.violenceCaption, { year: data.year })}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">{tx.region}</th>
                  {data.violence.types.map((v) => (
                    <th className="utrecht-table__header-cell" scope="col" key={v}>{tx.violence[v] ?? v}</th>
                  ))}
                  <th className="utrecht-table__header-cell" scope="col">{tx.totaal}</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.violence.rows.map((r) => (
                  <tr className="utrecht-table__row" key={r.code}>
                    <th className="utrecht-table__header-cell" scope="row">{r.name}</th>
                    {r.counts.map((v, i) => (
                      <Fragment key={data.violence.types[i]}>{cell(v)}</Fragment>
                    ))}
                    {cell(r.totaal)}
                  </tr>
                ))}
              </tbody>
              <tfoot className="utrecht-table__footer">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{tx.nederland}</th>
                  {data.violence.nederland.counts.map((v, i) => (
                    <Fragment key={data.violence.types[i]}>{cell(v)}</Fragment>
                  ))}
                  {cell(data.violence.nederland.totaal)}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

