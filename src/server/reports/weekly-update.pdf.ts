import PDFDocument from 'pdfkit';
import { cellText, controlTable, type DisclosureSettings, type PublishedCell } from '../../domain/stats/disclosure-control.ts';
import { changeNote, notableChanges, type RegionWeek } from '../../domain/stats/weekly-update.ts';
import type { WeeklyUpdate } from './weekly-update.ts';

type Key = 'meldingen' | 'adviezen' | 'acuteMeldingen' | 'chats';

export interface PublishedWeekRow {
  name: string;
  meldingen: [PublishedCell, PublishedCell];
  adviezen: [PublishedCell, PublishedCell];
  chats: [PublishedCell, PublishedCell];
  acute: [string, string];
}

/**
 * The weekly update as it leaves Veilig Thuis (the ministry's PDF): per measure a table of
 * regions x (this week, same week last year) with the national totals, disclosure-controlled;
 * the acute share and the notes are computed from the published numbers only, so they cannot
 * tell more than the table.
 */
export function publishWeekly(u: WeeklyUpdate, s: DisclosureSettings): { rows: PublishedWeekRow[]; national: PublishedWeekRow; notes: string[] } {
  // Chats without a region are a row of their own in the chat table, so the national total adds up.
  const control = (key: Key, extra?: [number, number]) =>
    controlTable([...u.regions.map((r) => [r.thisWeek[key], r.lastYear[key]]), ...(extra ? [extra] : [])], s);
  const m = control('meldingen');
  const a = control('adviezen');
  const acute = control('acuteMeldingen');
  const c = control('chats', [u.chatsWithoutRegion.thisWeek, u.chatsWithoutRegion.lastYear]);
  const share = (num: PublishedCell, den: PublishedCell) => (num === null || den === null || den === 0 ? '.' : `${Math.round((num / den) * 100)}%`);
  const pair = (cells: PublishedCell[]): [PublishedCell, PublishedCell] => [cells[0]!, cells[1]!];
  const rows: PublishedWeekRow[] = u.regions.map((r, i) => ({
    name: r.name,
    meldingen: pair(m.cells[i]!),
    adviezen: pair(a.cells[i]!),
    chats: pair(c.cells[i]!),
    acute: [share(acute.cells[i]![0]!, m.cells[i]![0]!), share(acute.cells[i]![1]!, m.cells[i]![1]!)],
  }));
  const national: PublishedWeekRow = {
    name: 'Nederland',
    meldingen: pair(m.columnTotals),
    adviezen: pair(a.columnTotals),
    chats: pair(c.columnTotals),
    acute: [share(acute.columnTotals[0]!, m.columnTotals[0]!), share(acute.columnTotals[1]!, m.columnTotals[1]!)],
  };

  // Notes from published numbers: a measure with a hidden week says nothing.
  const known = new Set<string>();
  const asWeek = (r: PublishedWeekRow, i: number, acuteRow: PublishedCell[], code: string): RegionWeek => {
    const v = (cell: PublishedCell, key: string) => {
      if (cell !== null) known.add(`${code}/${key}/${i}`);
      return cell ?? 0;
    };
    return {
      code,
      name: r.name,
      thisWeek: { meldingen: v(r.meldingen[0], 'meldingen'), adviezen: v(r.adviezen[0], 'adviezen'), chats: v(r.chats[0], 'chats'), acuteMeldingen: v(acuteRow[0] ?? null, 'acuut') },
      lastYear: { meldingen: v(r.meldingen[1], 'meldingen-ly'), adviezen: v(r.adviezen[1], 'adviezen-ly'), chats: v(r.chats[1], 'chats-ly'), acuteMeldingen: v(acuteRow[1] ?? null, 'acuut-ly') },
    };
  };
  const weeks = rows.map((r, i) => asWeek(r, i, acute.cells[i]!, u.regions[i]!.code));
  const complete = (code: string, i: number, measure: string) =>
    measure === 'acuut'
      ? ['meldingen', 'meldingen-ly', 'acuut', 'acuut-ly'].every((k) => known.has(`${code}/${k}/${i}`))
      : known.has(`${code}/${measure}/${i}`) && known.has(`${code}/${measure}-ly/${i}`);
  const notes = notableChanges(weeks)
    .filter((n) => n.region === 'NL' ? false : complete(n.region, u.regions.findIndex((r) => r.code === n.region), n.measure))
    .map(changeNote);
  // The national line from the published national totals (a measure with a hidden total is left out).
  const nat = (pair: [PublishedCell, PublishedCell]) => pair[0] !== null && pair[1] !== null;
  const natKnown: Record<string, boolean> = {
    meldingen: nat(national.meldingen),
    adviezen: nat(national.adviezen),
    chats: nat(national.chats),
    acuut: nat(national.meldingen) && acute.columnTotals[0] !== null && acute.columnTotals[1] !== null,
  };
  const nl = notableChanges([
    {
      code: 'nederland',
      name: 'Nederland',
      thisWeek: { meldingen: national.meldingen[0] ?? 0, adviezen: national.adviezen[0] ?? 0, chats: national.chats[0] ?? 0, acuteMeldingen: acute.columnTotals[0] ?? 0 },
      lastYear: { meldingen: national.meldingen[1] ?? 0, adviezen: national.adviezen[1] ?? 0, chats: national.chats[1] ?? 0, acuteMeldingen: acute.columnTotals[1] ?? 0 },
    },
  ]).filter((n) => n.region === 'NL' && natKnown[n.measure]);
  return { rows, national, notes: [...nl.map(changeNote), ...notes] };
}

/** The PDF for the ministry: one A4 page in landscape, a table per region and the notes. */
export async function weeklyUpdatePdf(u: WeeklyUpdate, s: DisclosureSettings): Promise<Buffer> {
  const p = publishWeekly(u, s);
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `Weekupdate Veilig Thuis ${u.week}`, Author: 'Signaal' } });
  const chunks: Buffer[] = [];
  doc.on('data', (ch: Buffer) => chunks.push(ch));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(15).text(`Weekupdate Veilig Thuis, week ${u.week} (${u.from} t/m ${u.to})`);
  doc.font('Helvetica').fontSize(8).text(
    `Vergeleken met week ${u.lastYearWeek} (${u.lastYearFrom} t/m ${u.lastYearTo}). Aantallen afgerond op ${s.roundingBase}; aantallen kleiner dan ${s.threshold} en cellen waaruit die terug te rekenen zijn: "." Door afronding tellen regio's niet altijd op tot Nederland. Chats: gesprekken die een medewerker aannam. Acuut: aandeel acute meldingen.`,
  );
  doc.moveDown(0.4);
  const cols = [36, 200, 250, 300, 360, 410, 470, 520, 580, 640];
  const headers = ['Regio', 'Meldingen', 'vorig jr', 'Adviezen', 'vorig jr', 'Chats', 'vorig jr', 'Acuut', 'vorig jr'];
  const line = (cells: string[], bold = false) => {
    const y = doc.y + 1;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    cells.forEach((cell, i) => doc.text(cell, cols[i]!, y, i === 0 ? { width: 160, lineBreak: false } : { width: 45, align: 'right', lineBreak: false }));
    doc.x = 36;
    doc.y = y + 9.5;
  };
  const row = (r: PublishedWeekRow, bold = false) =>
    line([r.name, cellText(r.meldingen[0]), cellText(r.meldingen[1]), cellText(r.adviezen[0]), cellText(r.adviezen[1]), cellText(r.chats[0]), cellText(r.chats[1]), r.acute[0], r.acute[1]], bold);
  line(headers, true);
  for (const r of p.rows) row(r);
  row(p.national, true);

  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text('Opvallend deze week', 36);
  doc.font('Helvetica').fontSize(8);
  if (p.notes.length === 0) doc.text('Geen opvallende veranderingen (grens: 25% of meer, op minstens 20 gevallen).', 36);
  for (const n of p.notes.slice(0, 8)) doc.text(`• ${n}`, 36);
  doc.end();
  return done;
}
