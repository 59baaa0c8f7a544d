// Texts of the pharmacy counter route Masker 19 (namespace "codeword"), Dutch. Loaded with the
// route; public.i18n.ts fetches only the language in use.

const codewordNl = {
  codeword: {
    title: 'Codewoord Masker 19 aan de balie',
    intro: 'Noemt iemand aan de balie het codewoord Masker 19, of geeft iemand een briefje? Volg deze stappen. U werkt volgens de meldcode.',
    municipality: 'Gemeente van de apotheek',
    municipalityHint: 'Voor de telling per regio. Er wordt niets over de persoon vastgelegd.',
    said: 'Iemand noemt het codewoord',
    question: 'Is de persoon alleen?',
    acuut: 'Acuut gevaar: bel 112',
    alleen: 'Ja, de persoon is alleen',
    begeleid: 'Nee, er is iemand bij',
    acuutDone: 'Bel nu 112.',
    call112: 'Bel 112',
    alleenDone: [
      'Neem de persoon mee naar een aparte ruimte.',
      'Bel samen met de persoon Veilig Thuis. Noem de referentie hieronder.',
    ],
    begeleidDone: [
      'Doe niets wat opvalt. De persoon die meekwam kan de pleger zijn.',
      'Spreek ongemerkt een veilig moment af om contact te hebben, bijvoorbeeld bij het ophalen van medicijnen.',
      'Neem daarna zelf contact op met Veilig Thuis en noem de referentie hieronder.',
    ],
    safeMoment: 'Veilig contactmoment (blijft alleen op dit scherm)',
    callVT: 'Bel Veilig Thuis: 0800-2000',
    reference: 'Referentie voor Veilig Thuis:',
    registering: 'Bezig met vastleggen…',
    failed: 'Vastleggen is niet gelukt. Bel Veilig Thuis toch: 0800-2000.',
    retry: 'Opnieuw proberen',
    again: 'Terug naar het begin',
  },
  municipalityUnknown: 'Weet ik niet',
};

export type CodewordTexts = typeof codewordNl;
export default codewordNl;
