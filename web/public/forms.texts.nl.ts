// Texts of the advice and report pages (namespace "forms"), Dutch. Loaded with those pages, not in
// the first load of the site; public.i18n.ts fetches only the language in use. Dutch at B1 level.

const formsNl = {
  forms: {
    danger: 'Is er nu direct gevaar?',
    dangerLabel: 'Direct gevaar',
    choice: {
      title: 'Advies vragen of een melding doen',
      adviceTitle: 'Advies vragen',
      advice: [
        'Maakt u zich zorgen over iemand? Of over uzelf? Vraag ons om advies.',
        'Wij denken met u mee over wat u kunt doen. U hoeft uw naam niet te geven.',
        'Wij maken geen dossier over het gezin.',
      ],
      reportTitle: 'Een melding doen',
      report: [
        'Bij een melding gaat Veilig Thuis zelf kijken of het gezin veilig is.',
        'U vertelt ons wie u bent. Wij noemen uw naam niet tegen het gezin als dat niet veilig is. Bent u professional? Dan beschermen wij uw naam extra.',
      ],
    },
    advies: {
      title: 'Advies vragen',
      intro: [
        'Vertel wat er aan de hand is. Wij lezen uw vraag en geven advies.',
        'U mag anoniem blijven. Wilt u dat wij u bellen of mailen? Vink dat dan aan.',
      ],
      story: 'Wat is er aan de hand? Wat wilt u vragen?',
      submit: 'Vraag versturen',
      doneTitle: 'Uw vraag is verstuurd',
      next: [
        'Gaf u uw telefoonnummer of e-mail? Dan nemen wij contact met u op.',
        'Wilt u direct praten? Bel 0800-2000 en noem uw code. Gratis, dag en nacht.',
      ],
    },
    melding: {
      title: 'Melding doen',
      intro: [
        'Wat gebeurt er met uw melding? Een medewerker leest uw melding en belt of mailt u. Binnen 5 werkdagen besluit Veilig Thuis wat nodig is om het gezin veilig te maken.',
        'Wij vragen uw naam en telefoonnummer of e-mail, zodat wij u kunnen bereiken. Bent u professional? Dan vertellen wij het gezin niet dat de melding van u komt als dat de veiligheid of het vertrouwen schaadt.',
      ],
      story: 'Wat heeft u gezien of gehoord?',
      submit: 'Melding versturen',
      doneTitle: 'Uw melding is verstuurd',
      next: [
        'Een medewerker van Veilig Thuis neemt contact met u op.',
        'Wilt u iets aanvullen? Bel 0800-2000 en noem uw code.',
      ],
    },
    consent: 'Ja, Veilig Thuis mag mij bellen of mailen over mijn vraag',
    consentHint: 'Vink dit alleen aan als u dat wilt. Dan vragen wij uw naam (mag ook leeg) en telefoonnummer of e-mail.',
    name: 'Uw naam',
    nameOptional: 'Uw naam (mag leeg blijven)',
    contact: 'Uw telefoonnummer of e-mailadres',
    contactHint: 'Bijvoorbeeld 06-12345678 of naam@voorbeeld.nl',
    relation: 'Hoe kent u het gezin?',
    relations: { beroepsmatig: 'Via mijn werk (ik ben professional)', particulier: 'Privé (bijvoorbeeld familie, buren of vrienden)' },
    municipality: 'In welke gemeente woont het gezin?',
    municipalityHint: 'Weet u het niet? Dat is niet erg.',
    municipalityUnknown: 'Weet ik niet',
    violence: 'Wat is er aan de hand?',
    violenceTypes: {
      kindermishandeling: 'Een kind wordt mishandeld of verwaarloosd',
      partnergeweld: 'Geweld tussen partners of ex-partners',
      ouderenmishandeling: 'Een oudere wordt mishandeld of misbruikt',
      'geweld-tegen-ouders': 'Een kind gebruikt geweld tegen een ouder',
      'huiselijk-geweld-overig': 'Ander geweld in het gezin of huis',
      onbekend: 'Ik weet het niet precies',
    },
    storyHint: 'Maximaal {{max}} tekens. Nog {{left}} tekens over.',
    summaryTitle: 'Verbeter deze punten',
    errors: {
      name: 'Vul uw naam in',
      contact: 'Vul uw telefoonnummer of e-mailadres in',
      contactFormat: 'Vul een telefoonnummer (10 cijfers) of een e-mailadres in',
      consent: 'Vink aan dat wij u mogen bellen of mailen, of maak uw naam en telefoonnummer leeg',
      reporterType: 'Kies hoe u het gezin kent',
      violenceType: 'Kies wat er aan de hand is',
      story: 'Vertel wat er aan de hand is',
      storyLong: 'Uw tekst is te lang',
    },
    sending: 'Bezig met versturen…',
    retry: 'Opnieuw versturen',
    failed: {
      network: 'Het versturen is niet gelukt. Misschien is er geen internet. Probeer het opnieuw. U krijgt geen dubbele melding.',
      conflict: 'Dit formulier is al eerder verstuurd met andere tekst. De eerste versie is ontvangen. Bel 0800-2000 om iets aan te vullen.',
      limited: 'Er zijn te veel formulieren verstuurd vanaf dit adres. Probeer het later opnieuw, of bel 0800-2000.',
      server: 'Er ging iets mis bij Veilig Thuis. Probeer het later opnieuw, of bel 0800-2000.',
    },
    referenceIntro: 'Uw code is:',
  },
};

export type FormsTexts = typeof formsNl;
export default formsNl;
