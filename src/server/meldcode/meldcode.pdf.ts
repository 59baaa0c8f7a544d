import PDFDocument from 'pdfkit';
import { QUESTIONS, weigh, type MeldingReason } from '../../domain/meldcode/afwegingskader.ts';
import { CHILDCARE_ROUTE_LABELS, QUESTION_TEXT, SECTOR_CONTENT, STEP_CONTENT, STEPS } from '../../domain/meldcode/sectors.ts';
import type { DossierContent } from './meldcode.schema.ts';

const REASON_TEXT: Record<MeldingReason, string> = {
  'acute-of-structurele-onveiligheid': 'Melden bij Veilig Thuis: er is acute of structurele onveiligheid. De vragen 3 tot en met 5 beantwoordt u samen met Veilig Thuis.',
  'geen-passende-hulp': 'Melden bij Veilig Thuis: u kunt zelf geen passende hulp bieden of organiseren.',
  'hulp-niet-aanvaard': 'Melden bij Veilig Thuis: de betrokkenen aanvaarden de hulp niet.',
  'hulp-onvoldoende-resultaat': 'Melden bij Veilig Thuis (opnieuw): de hulp leidt niet tot de nodige veiligheid en het nodige welzijn.',
};

export function verdictText(d: DossierContent): string {
  const v = weigh(d.answers);
  switch (v.kind) {
    case 'question':
      return v.helpUnderway ? 'Hulp wordt geboden; vraag 5 volgt na de afgesproken tijd.' : `Nog te beantwoorden: vraag ${v.question}.`;
    case 'close':
      return 'Afgesloten: geen vermoeden van huiselijk geweld of kindermishandeling.';
    case 'melding':
      return REASON_TEXT[v.reason];
    case 'help-with-monitoring':
      return 'Hulp afgesloten, met afspraken over het volgen van toekomstige (on)veiligheid.';
  }
}

/**
 * The dossier as a PDF for the organisation's own file. Rendered in memory from the posted dossier
 * and returned at once: nothing of it is stored or logged (the public tool keeps the dossier in the
 * browser tab only, so this route must not become a copy of it on the server).
 */
export async function dossierPdf(d: DossierContent, at: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Meldcode-dossier', Author: 'Signaal' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const sector = SECTOR_CONTENT[d.sector];
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text);
  const body = (text: string) => doc.font('Helvetica').fontSize(10).text(text);

  doc.font('Helvetica-Bold').fontSize(18).text('Meldcode-dossier');
  body(`Sector: ${sector.label.nl}. Gemaakt op ${at.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })}. Bereikte stap: ${d.step}.`);
  if (d.route) body(`Route: ${CHILDCARE_ROUTE_LABELS[d.route].nl}.`);
  body('Voor het eigen dossier van uw organisatie. Bewaar het zoals uw organisatie vertrouwelijke cliëntgegevens bewaart.');
  body('Bij acuut gevaar: bel 112. Bij twijfel: vraag Veilig Thuis om advies (0800-2000).');

  for (const step of STEPS) {
    heading(STEP_CONTENT[step].title.nl);
    if (step === 1) {
      const labels = sector.signals.filter((s) => d.signals.includes(s.code)).map((s) => `- ${s.label.nl}`);
      body(labels.length ? `Signalen:\n${labels.join('\n')}` : 'Geen signalen aangevinkt.');
    }
    if (step === 2 && d.adviceReference) body(`Advies gevraagd aan Veilig Thuis, referentie ${d.adviceReference}.`);
    if (step === 4) {
      for (const q of QUESTIONS) {
        const a = d.answers[`q${q}`];
        if (a === undefined) continue;
        body(`${q}. ${QUESTION_TEXT[q].nl} ${a ? 'Ja' : 'Nee'}.`);
      }
    }
    if (step === 5) {
      body(`Besluit: ${verdictText(d)}`);
      if (d.closeReason.trim()) body(`Reden van afsluiten: ${d.closeReason}`);
      if (d.monitoring.trim()) body(`Afspraken over monitoring: ${d.monitoring}`);
      if (d.meldingReference) body(`Melding gedaan bij Veilig Thuis, referentie ${d.meldingReference}.`);
    }
    const note = d.notes[String(step) as '1'].trim();
    if (note) body(`Aantekeningen: ${note}`);
  }
  doc.end();
  return done;
}
