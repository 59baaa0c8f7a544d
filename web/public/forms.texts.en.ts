// Texts of the advice and report pages (namespace "forms"), English. See forms.texts.nl.ts.
import type { FormsTexts } from './forms.texts.nl.ts';

const formsEn: FormsTexts = {
  forms: {
    danger: 'In danger right now?',
    dangerLabel: 'Danger right now',
    choice: {
      title: 'Ask for advice or make a report',
      adviceTitle: 'Ask for advice',
      advice: [
        'Are you worried about someone? Or about yourself? Ask us for advice.',
        'We think along with you about what you can do. You do not have to give your name.',
        'We do not make a file about the family.',
      ],
      reportTitle: 'Make a report',
      report: [
        'After a report, Veilig Thuis itself checks whether the family is safe.',
        'You tell us who you are. We do not tell the family your name if that is not safe. Are you a professional? Then we protect your name even more.',
      ],
    },
    advies: {
      title: 'Ask for advice',
      intro: [
        'Tell us what is going on. We read your question and give advice.',
        'You may stay anonymous. Do you want us to call or e-mail you? Then tick the box.',
      ],
      story: 'What is going on? What do you want to ask?',
      submit: 'Send question',
      doneTitle: 'Your question has been sent',
      next: [
        'Did you give your phone number or e-mail? Then we will contact you.',
        'Want to talk now? Call 0800-2000 and give your code. Free, day and night.',
      ],
    },
    melding: {
      title: 'Make a report',
      intro: [
        'What happens with your report? A staff member reads it and calls or e-mails you. Within 5 working days Veilig Thuis decides what is needed to make the family safe.',
        'We ask for your name and phone number or e-mail so we can reach you. Are you a professional? Then we do not tell the family the report came from you if that harms safety or trust.',
      ],
      story: 'What did you see or hear?',
      submit: 'Send report',
      doneTitle: 'Your report has been sent',
      next: [
        'A staff member of Veilig Thuis will contact you.',
        'Want to add something? Call 0800-2000 and give your code.',
      ],
    },
    consent: 'Yes, Veilig Thuis may call or e-mail me about my question',
    consentHint: 'Only tick this if you want to. Then we ask for your name (may stay empty) and phone number or e-mail.',
    name: 'Your name',
    nameOptional: 'Your name (may stay empty)',
    contact: 'Your phone number or e-mail address',
    contactHint: 'For example 06-12345678 or name@example.nl',
    relation: 'How do you know the family?',
    relations: { beroepsmatig: 'Through my work (I am a professional)', particulier: 'Privately (for example family, neighbours or friends)' },
    municipality: 'In which municipality does the family live?',
    municipalityHint: 'Do you not know? That is all right.',
    municipalityUnknown: 'I do not know',
    violence: 'What is going on?',
    violenceTypes: {
      kindermishandeling: 'A child is abused or neglected',
      partnergeweld: 'Violence between partners or ex-partners',
      ouderenmishandeling: 'An older person is abused or exploited',
      'geweld-tegen-ouders': 'A child uses violence against a parent',
      'huiselijk-geweld-overig': 'Other violence in the family or home',
      onbekend: 'I am not sure',
    },
    storyHint: 'At most {{max}} characters. {{left}} characters left.',
    summaryTitle: 'Please correct these points',
    errors: {
      name: 'Fill in your name',
      contact: 'Fill in your phone number or e-mail address',
      contactFormat: 'Fill in a phone number (10 digits) or an e-mail address',
      consent: 'Tick that we may call or e-mail you, or empty your name and phone number',
      reporterType: 'Choose how you know the family',
      violenceType: 'Choose what is going on',
      story: 'Tell us what is going on',
      storyLong: 'Your text is too long',
    },
    sending: 'Sending…',
    retry: 'Send again',
    failed: {
      network: 'Sending did not work. Maybe there is no internet. Please try again. You will not make a double report.',
      conflict: 'This form was already sent with other text. The first version was received. Call 0800-2000 to add something.',
      limited: 'Too many forms were sent from this address. Please try again later, or call 0800-2000.',
      server: 'Something went wrong at Veilig Thuis. Please try again later, or call 0800-2000.',
    },
    referenceIntro: 'Your code is:',
  },
};

export default formsEn;
