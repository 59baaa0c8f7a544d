import { cellText, controlTable, type DisclosureSettings, type PublishedCell } from './disclosure-control.ts';

/**
 * The semi-annual CBS policy information (Beleidsinformatie Veilig Thuis) per Veilig Thuis
 * region, laid out like the StatLine tables: one CSV per table, one row per (category, region,
 * period), one column per measure, "Nederland" and "Totaal" as the first region and category,
 * and hidden cells as ".". Table numbers and titles follow StatLine where we could check them
 * (84848, 84852, 85361); the others are our approximation of the topic (see docs/adr/0012).
 */

export interface HalfYear {
  year: number;
  half: 1 | 2;
}

export function parseHalfYear(text: string): HalfYear | null {
  const m = /^(\d{4})-H([12])$/.exec(text);
  return m ? { year: Number(m[1]), half: Number(m[2]) as 1 | 2 } : null;
}

/** First day of the half year and first day after it (Amsterdam dates). */
export function halfYearDates(p: HalfYear): { from: string; until: string } {
  return p.half === 1 ? { from: `${p.year}-01-01`, until: `${p.year}-07-01` } : { from: `${p.year}-07-01`, until: `${p.year + 1}-01-01` };
}

/** StatLine's period label, e.g. "1e halfjaar 2026". */
export function halfYearLabel(p: HalfYear): string {
  return `${p.half}e halfjaar ${p.year}`;
}

export interface Category {
  code: string;
  label: string;
}

export interface Measure {
  code: string;
  /** Column header as StatLine writes it, unit in brackets. */
  label: string;
  /** A percentage of another measure (numerator / denominator), computed from published counts. */
  percentOf?: { numerator: string; denominator: string };
}

export interface CbsTableDef {
  id: string;
  title: string;
  /** Header of the category column, or null for a table without categories (one row per region). */
  dimension: string | null;
  categories: readonly Category[];
  measures: readonly Measure[];
}

const REPORTER_GROUPS: Category[] = [
  { code: 'burger', label: 'Niet beroepsmatig' },
  { code: 'preventieve-basisvoorzieningen', label: 'Beroep: preventieve basisvoorzieningen' },
  { code: 'huisarts', label: 'Beroep: huisarts' },
  { code: 'gezondheidszorg-overig', label: 'Beroep: gezondheidszorg overig' },
  { code: 'ggz', label: 'Beroep: geestelijke gezondheidszorg' },
  { code: 'kinderopvang', label: 'Beroep: kinderopvang' },
  { code: 'onderwijs', label: 'Beroep: onderwijs' },
  { code: 'jeugdhulp', label: 'Beroep: jeugdzorg' },
  { code: 'politie', label: 'Beroep: politie' },
  { code: 'justitie', label: 'Beroep: justitie' },
  { code: 'maatschappelijk-werk', label: 'Beroep: maatschappelijk werk' },
  { code: 'beroepsmatig-overig', label: 'Beroep: overig' },
  { code: 'onbekend', label: 'Onbekend' },
];

export const CBS_TABLES: readonly CbsTableDef[] = [
  {
    id: '84847',
    title: 'Huiselijk geweld; kerncijfers Veilig Thuis, regio',
    dimension: null,
    categories: [{ code: 'totaal', label: 'Totaal' }],
    measures: [
      { code: 'adviezen', label: 'Gestarte adviezen (aantal)' },
      { code: 'meldingen', label: 'Ontvangen meldingen (aantal)' },
      { code: 'veiligheidsbeoordelingen', label: 'Afgeronde veiligheidsbeoordelingen (aantal)' },
      { code: 'onderzoeken', label: 'Afgeronde onderzoeken (aantal)' },
      { code: 'overdrachten', label: 'Overdrachten (aantal)' },
      { code: 'monitoring', label: 'Gestarte monitoring (aantal)' },
    ],
  },
  {
    id: '84848',
    title: 'Huiselijk geweld; rol/functie, organisatie, Veilig Thuis-regio',
    dimension: 'Kenmerken adviezen/meldingen',
    categories: REPORTER_GROUPS,
    measures: [
      { code: 'adviezen', label: 'Gestarte adviezen (aantal)' },
      { code: 'meldingen', label: 'Ontvangen meldingen (aantal)' },
    ],
  },
  {
    id: '84850',
    title: 'Huiselijk geweld; aard geweld, Veilig Thuis-regio',
    dimension: 'Aard geweld',
    categories: [
      { code: 'kindermishandeling', label: 'Kindermishandeling' },
      { code: 'geweld-tegen-ouders', label: 'Geweld tegen ouders' },
      { code: 'partnergeweld', label: '(Ex-)partnergeweld' },
      { code: 'ouderenmishandeling', label: 'Ouderenmishandeling' },
      { code: 'huiselijk-geweld-overig', label: 'Huiselijk geweld overig' },
      { code: 'onbekend', label: 'Onbekend' },
    ],
    measures: [{ code: 'meldingen', label: 'Ontvangen meldingen (aantal)' }],
  },
  {
    id: '84852',
    title: 'Huiselijk geweld; veiligheidsbeoordeling Veilig Thuis, regio',
    dimension: 'Veiligheidsbeoordeling',
    categories: [
      { code: 'acuut', label: 'Acute onveiligheid' },
      { code: 'structureel', label: 'Structurele onveiligheid (niet acuut)' },
      { code: 'geen', label: 'Geen acute of structurele onveiligheid' },
      { code: 'onbekend', label: 'Beoordeeld, uitkomst niet geregistreerd' },
      { code: 'niet', label: 'Niet (nog niet) beoordeeld' },
    ],
    measures: [{ code: 'meldingen', label: 'Ontvangen meldingen (aantal)' }],
  },
  {
    id: '84853',
    title: 'Huiselijk geweld; uitkomst onderzoek Veilig Thuis, regio',
    dimension: 'Uitkomst onderzoek',
    categories: [
      { code: 'bevestigd', label: 'Bevestigd' },
      { code: 'niet-bevestigd', label: 'Niet bevestigd' },
      { code: 'weerlegd', label: 'Weerlegd' },
      { code: 'onbekend', label: 'Onbekend' },
    ],
    measures: [{ code: 'onderzoeken', label: 'Afgeronde onderzoeken (aantal)' }],
  },
  {
    id: '84855',
    title: 'Huiselijk geweld; overdracht en vervolg Veilig Thuis, regio',
    dimension: 'Organisatie overdracht',
    categories: [
      { code: 'lokaal-team', label: 'Lokaal (wijk)team' },
      { code: 'gi', label: 'Gecertificeerde instelling' },
      { code: 'rvdk', label: 'Raad voor de Kinderbescherming' },
      { code: 'vrouwenopvang', label: 'Vrouwenopvang' },
      { code: 'mda', label: 'MDA++-team' },
      { code: 'zorg-overig', label: 'Andere (bestaande) hulp' },
      { code: 'onbekend', label: 'Niet geregistreerd' },
    ],
    measures: [{ code: 'overdrachten', label: 'Overdrachten (aantal)' }],
  },
  {
    id: '85361',
    title: 'Huiselijk geweld; meldingen naar eerdere betrokkenheid Veilig Thuis, regio',
    dimension: null,
    categories: [{ code: 'totaal', label: 'Totaal' }],
    measures: [
      { code: 'meldingen', label: 'Ontvangen meldingen (aantal)' },
      { code: 'herhaald', label: 'Ontvangen meldingen Vervolgmelding huishouden bekend bij VT (aantal)' },
      { code: 'monitoring', label: 'Ontvangen meldingen Vervolgmelding tijdens monitoring door VT (aantal)' },
      { code: 'herhaaldPct', label: 'Ontvangen meldingen (relatief) Vervolgmelding huishouden bekend bij VT (%)', percentOf: { numerator: 'herhaald', denominator: 'meldingen' } },
      { code: 'monitoringPct', label: 'Ontvangen meldingen (relatief) Vervolgmelding tijdens monitoring (%)', percentOf: { numerator: 'monitoring', denominator: 'meldingen' } },
    ],
  },
];

/** Counts of one measure: region code -> category code -> count (missing = 0). */
export type MeasureCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface PublishedTable {
  def: CbsTableDef;
  period: string;
  /** Rows as they appear in the CSV (without the header). */
  rows: { category: string; region: string; values: (PublishedCell | string)[] }[];
}

/**
 * Applies disclosure control per measure (regions x categories with both margins, so a hidden
 * cell follows neither from its region's total nor from the national figure of its category)
 * and lays the table out like StatLine.
 */
export function publishCbsTable(
  def: CbsTableDef,
  period: HalfYear,
  regions: readonly { code: string; name: string }[],
  data: Readonly<Record<string, MeasureCounts>>,
  s: DisclosureSettings,
): PublishedTable {
  const controlled = new Map(
    def.measures
      .filter((m) => !m.percentOf)
      .map((m) => {
        const counts = regions.map((r) => def.categories.map((c) => data[m.code]?.get(r.code)?.get(c.code) ?? 0));
        return [m.code, controlTable(counts, s)] as const;
      }),
  );
  const regionRows = [{ label: 'Nederland', index: -1 }, ...regions.map((r, i) => ({ label: `${r.name} (VT)`, index: i }))];
  const categoryRows = def.dimension === null ? [{ label: 'Totaal', index: -1 }] : [{ label: 'Totaal', index: -1 }, ...def.categories.map((c, i) => ({ label: c.label, index: i }))];
  const value = (code: string, ri: number, ci: number): PublishedCell => {
    const t = controlled.get(code)!;
    // A table without categories has one category column: its total is the cell itself.
    const col = def.dimension === null ? 0 : ci;
    if (ri < 0) return col < 0 ? t.grandTotal : t.columnTotals[col]!;
    return col < 0 ? t.rowTotals[ri]! : t.cells[ri]![col]!;
  };
  const rows: PublishedTable['rows'] = [];
  for (const c of categoryRows) {
    for (const r of regionRows) {
      const values = def.measures.map((m): PublishedCell | string => {
        if (!m.percentOf) return value(m.code, r.index, c.index);
        const num = value(m.percentOf.numerator, r.index, c.index);
        const den = value(m.percentOf.denominator, r.index, c.index);
        // From the published (rounded) counts: a percentage of the true counts would tell more
        // than the counts themselves.
        return num === null || den === null || den === 0 ? null : ((num / den) * 100).toFixed(1).replace('.', ',');
      });
      rows.push({ category: c.label, region: r.label, values });
    }
  }
  return { def, period: halfYearLabel(period), rows };
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** StatLine-style CSV: semicolons, quoted texts, "." for a hidden cell, comma as decimal mark. */
export function cbsCsv(t: PublishedTable): string {
  const header = [...(t.def.dimension === null ? [] : [t.def.dimension]), "Regio's", 'Perioden', ...t.def.measures.map((m) => m.label)];
  const lines = [header.map(quote).join(';')];
  for (const r of t.rows) {
    const cells = r.values.map((v) => (typeof v === 'string' ? v : cellText(v)));
    lines.push([...(t.def.dimension === null ? [] : [quote(r.category)]), quote(r.region), quote(t.period), ...cells].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}
