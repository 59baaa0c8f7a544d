import PDFDocument from 'pdfkit';
import type { AnnualReport } from './annual-report.ts';

/** Dutch labels of the infographic (seed 003), shared by the PDF and kept in step with the console page. */
export const VIOLENCE_LABELS: Record<keyof AnnualReport['meldingen']['geweldsvorm'], string> = {
  kindermishandeling: 'Kindermishandeling',
  partnergeweld: '(Ex-)Partnergeweld',
  ouderenmishandeling: 'Ouderenmishandeling',
  'geweld-tegen-ouders': 'Geweld van kind naar ouder',
  'huiselijk-geweld-overig': 'Huiselijk geweld (overig)',
  onbekend: 'Onbekend',
};

/**
 * The annual report as a PDF: the table per municipality and the infographic figures, with the
 * same numbers as the JSON. Built in memory: a report is two pages of aggregates.
 */
export async function annualReportPdf(r: AnnualReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Jaarcijfers Veilig Thuis ${r.region.name} ${r.year}`, Author: 'Signaal' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(`Jaarcijfers Veilig Thuis ${r.region.name} ${r.year}`);
  doc.moveDown(0.5).font('Helvetica').fontSize(10).text(`Regio ${r.region.code}. Contacten geteld naar datum van ontvangst, gebeurtenissen naar hun eigen datum (Nederlandse tijd).`);

  doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text('Aantal meldingen/adviezen per gemeente');
  const cols = [50, 300, 380, 460];
  const rowLine = (cells: string[], bold = false) => {
    const y = doc.y + 4;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    cells.forEach((c, i) => doc.text(c, cols[i]!, y, i === 0 ? { width: 240 } : { width: 70, align: 'right' }));
    doc.x = 50;
  };
  rowLine(['Gemeente', 'Melding', 'Advies', 'Totaal'], true);
  for (const m of r.municipalities) rowLine([m.name, String(m.meldingen), String(m.adviezen), String(m.totaal)]);
  rowLine(['Totaal', String(r.totaal.meldingen), String(r.totaal.adviezen), String(r.totaal.totaal)], true);

  const figure = (title: string, lines: string[]) => {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(title, 50);
    doc.font('Helvetica').fontSize(10);
    for (const l of lines) doc.text(l, 50);
  };
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(16).text(`Het jaar ${r.year} in cijfers`);
  figure('Advies', [`${r.adviezen.totaal} adviezen`, `${r.adviezen.beroepsmatig} professionals`, `${r.adviezen.particulier} particulieren`, `${r.adviezen.onbekend} onbekend`]);
  figure('Type melders', [`${r.meldingen.beroepsmatig + r.meldingen.particulier} melders`, `${r.meldingen.beroepsmatig} professionals`, `${r.meldingen.particulier} particulieren`, `${r.meldingen.onbekend} onbekend`]);
  figure('Onderzoek', [`${r.onderzoeken} x nader onderzoek`]);
  figure('Veiligheidsvoorwaarden', [`${r.veiligheidsvoorwaarden} x veiligheidsvoorwaarden opgesteld`]);
  figure('Overdrachten', [`${r.overdrachten} overdrachten`]);
  figure('Monitoring', [`${r.monitoring} x monitoring na overdracht`]);
  figure('Melding', [
    `${r.meldingen.totaal} meldingen op jaarbasis, per geweldsvorm:`,
    ...Object.entries(r.meldingen.geweldsvorm).map(([k, v]) => `${v.procent}% ${VIOLENCE_LABELS[k as keyof typeof VIOLENCE_LABELS]} (${v.aantal})`),
  ]);
  figure('Huisverboden', [`${r.huisverboden} tijdelijke huisverboden`]);
  figure('Aware', [`${r.aware} x Aware aangevraagd`]);
  doc.end();
  return done;
}
