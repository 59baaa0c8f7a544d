// Texts of the pharmacy counter route Masker 19 (namespace "codeword"), English. See codeword.texts.nl.ts.
import type { CodewordTexts } from './codeword.texts.nl.ts';

const codewordEn: CodewordTexts = {
  codeword: {
    title: 'Codeword Masker 19 at the counter',
    intro: 'Does someone at the counter say the codeword Masker 19, or hand you a note? Follow these steps. You work according to the reporting code.',
    municipality: 'Municipality of the pharmacy',
    municipalityHint: 'For the count per region. Nothing about the person is recorded.',
    said: 'Someone says the codeword',
    question: 'Is the person alone?',
    acuut: 'Acute danger: call 112',
    alleen: 'Yes, the person is alone',
    begeleid: 'No, someone is with them',
    acuutDone: 'Call 112 now.',
    call112: 'Call 112',
    alleenDone: [
      'Take the person to a private room.',
      'Call Veilig Thuis together with the person. Give the reference below.',
    ],
    begeleidDone: [
      'Do nothing that draws attention. The person who came along may be the perpetrator.',
      'Quietly agree on a safe moment for contact, for example when medicines are collected.',
      'Then contact Veilig Thuis yourself and give the reference below.',
    ],
    safeMoment: 'Safe contact moment (stays on this screen only)',
    callVT: 'Call Veilig Thuis: 0800-2000',
    reference: 'Reference for Veilig Thuis:',
    registering: 'Recording…',
    failed: 'Recording failed. Call Veilig Thuis anyway: 0800-2000.',
    retry: 'Try again',
    again: 'Back to the start',
  },
  municipalityUnknown: 'I don’t know',
};

export default codewordEn;
