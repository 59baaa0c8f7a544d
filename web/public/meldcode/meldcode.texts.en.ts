// Texts of the meldcode tool's start page (namespace "meldcode"), English. See meldcode.texts.nl.ts.
import type { MeldcodeTexts } from './meldcode.texts.nl.ts';

const meldcodeEn: MeldcodeTexts = {
  title: 'Reporting code for professionals',
  intro: [
    'Are you worried about domestic violence or child abuse with a client, pupil or child? This guide takes you through the five steps of the reporting code (meldcode).',
    'Your file stays in this browser tab. Nothing goes to Veilig Thuis unless you ask for advice or make a report yourself. Close the tab or press Quick exit and it is gone. Download the file as a PDF for your organisation’s records.',
  ],
  safety: { label: 'Safety', danger: 'Acute danger? Call 112.', doubt: 'In doubt? Ask Veilig Thuis for advice: call 0800-2000.' },
  sector: 'Which sector do you work in?',
  route: 'What is your concern about?',
  municipality: 'In which municipality does the client live?',
  municipalityHint: 'So advice or a report reaches the right Veilig Thuis. Don’t know? Then it goes to the national intake.',
  municipalityUnknown: 'I don’t know',
  start: 'Start with step 1',
  chooseSector: 'Choose your sector',
  pharmacyLink: 'Pharmacy: someone says the codeword Masker 19',
};

export default meldcodeEn;
