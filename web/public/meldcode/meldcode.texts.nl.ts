// Texts of the meldcode tool's start page and what every step shows (namespace "meldcode"), Dutch.
// Loaded with the tool; public.i18n.ts fetches only the language in use. The steps have their
// own namespace (meldcode-steps.texts.nl.ts), loaded when the professional starts. Sector
// content, steps and questions come from src/domain/meldcode (nl and en).

const meldcodeNl = {
  title: 'Meldcode voor professionals',
  intro: [
    'Heeft u zorgen over huiselijk geweld of kindermishandeling bij een cliënt, leerling of kind? Deze hulp leidt u door de vijf stappen van de meldcode.',
    'Uw dossier blijft in dit tabblad. Er gaat niets naar Veilig Thuis, tenzij u zelf advies vraagt of een melding doet. Sluit u het tabblad of drukt u op Snel weg, dan is het weg. Download het dossier als pdf voor het dossier van uw organisatie.',
  ],
  safety: { label: 'Veiligheid', danger: 'Acuut gevaar? Bel 112.', doubt: 'Twijfelt u? Vraag Veilig Thuis om advies: bel 0800-2000.' },
  sector: 'In welke sector werkt u?',
  route: 'Waar gaat uw zorg over?',
  municipality: 'In welke gemeente woont de cliënt?',
  municipalityHint: 'Zo komt een advies of melding bij de juiste Veilig Thuis. Weet u het niet? Dan gaat het naar de landelijke intake.',
  municipalityUnknown: 'Weet ik niet',
  start: 'Begin met stap 1',
  chooseSector: 'Kies uw sector',
  pharmacyLink: 'Apotheek: iemand noemt het codewoord Masker 19',
};

export type MeldcodeTexts = typeof meldcodeNl;
export default meldcodeNl;
