// Texts of the public site's first load: the header, footer and quick exit, the home page and
// "Veilig browsen", in both languages (the quick exit button must never wait on a download).
// Other pages bring their own texts (public.i18n.ts).
// Dutch at B1 level: short sentences, everyday words, "u".

const nl = {
  siteName: 'Veilig Thuis – Signaal',
  skipLink: 'Naar de inhoud',
  loading: 'Even geduld, de pagina wordt geladen…',
  pageFailed: {
    title: 'Deze pagina kon niet worden geladen',
    text: 'Misschien is er geen internet. Laad de pagina opnieuw, of bel Veilig Thuis: 0800-2000. Gratis, dag en nacht.',
  },
  language: {
    label: 'Taal',
    switchTo: 'English',
    switchToLabel: 'Read this website in English',
  },
  quickExit: {
    button: 'Snel weg',
    buttonHidden: ' – verlaat deze website direct',
    note: 'Snel weg vervangt deze pagina, maar wist uw browsergeschiedenis niet.',
    noteLink: 'Lees hoe u veilig browst.',
    keys: 'U kunt ook 3 keer snel op Shift drukken, of op Escape.',
  },
  nav: {
    label: 'Hoofdmenu',
    home: 'Home',
    safeBrowsing: 'Veilig browsen',
  },
  home: {
    title: 'Veilig Thuis',
    intro: [
      'Is het thuis niet veilig? Of maakt u zich zorgen over iemand anders?',
      'Veilig Thuis helpt bij huiselijk geweld en kindermishandeling.',
      'U kunt bij ons advies vragen of een melding doen. Dat mag ook zonder uw naam.',
      'Wij helpen slachtoffers, omstanders, plegers en professionals.',
    ],
    dangerTitle: 'Direct gevaar?',
    dangerCall: 'Bel 112',
    phoneTitle: 'Bel Veilig Thuis',
    phone: 'Bel 0800-2000. Gratis, dag en nacht bereikbaar, ook in het weekend.',
    phoneCall: 'Bel 0800-2000',
    helpTitle: 'Wat wilt u doen?',
    chat: 'Chatten met Veilig Thuis',
    advice: 'Advies vragen of een melding doen',
    meldcode: 'Meldcode voor professionals',
    infoTitle: 'Meer weten',
    info: {
      'wat-doet-veilig-thuis': 'Wat doet Veilig Thuis?',
      omstander: 'Ik maak me zorgen om iemand anders',
      'spanning-thuis': 'Als de spanning thuis oploopt',
      hulplijnen: 'Andere hulplijnen',
    },
    safetyTitle: 'Veilig deze website bekijken',
    safety: 'Bent u bang dat iemand ziet dat u hier was? Gebruik de knop Snel weg. Lees ook hoe u veilig browst.',
  },
  safeBrowsing: {
    title: 'Veilig browsen',
    intro: 'Misschien wilt u niet dat iemand ziet dat u deze website bekijkt. Hier leest u hoe u dat kunt doen.',
    cannotTitle: 'Wat Snel weg niet kan',
    cannotIntro: 'De knop Snel weg opent direct een andere website. Maar Snel weg kan niet alles wissen:',
    cannot: [
      'Uw browsergeschiedenis. Daar kan nog staan dat u op deze website was.',
      'Pagina’s die u vóór deze website bekeek. Die blijven in de geschiedenis staan.',
      'Bestanden die u heeft gedownload.',
      'Het feit dat u deze website heeft bezocht. Uw internetaanbieder of netwerk kan dat zien.',
    ],
    howTitle: 'Zo browst u veiliger',
    how: [
      'Gebruik een privévenster of incognitovenster. Dan bewaart de browser geen geschiedenis.',
      'Wis uw browsergeschiedenis als u klaar bent. Wis alleen de pagina’s van deze website als dat minder opvalt.',
      'Gebruik een telefoon of computer van iemand die u vertrouwt. Bijvoorbeeld van een vriend, op uw werk of in de bibliotheek.',
      'Bel liever? Wis daarna het nummer uit de lijst met gesprekken.',
    ],
    storage: 'Deze website bewaart zelf niets op uw apparaat: geen cookies en geen andere gegevens.',
    back: 'Terug naar home',
  },
  placeholder: {
    chat: 'Chatten met Veilig Thuis',
    advice: 'Advies vragen of een melding doen',
    meldcode: 'Meldcode voor professionals',
    notFound: 'Deze pagina bestaat niet',
    text: 'Deze pagina is nog niet klaar. Bel Veilig Thuis: 0800-2000. Gratis, dag en nacht.',
  },
  footer: {
    label: 'Over deze website',
    text: 'Veilig Thuis is er voor iedereen die te maken heeft met huiselijk geweld of kindermishandeling.',
    openData: 'Cijfers (open data)',
  },
};

type Texts = typeof nl;

const en: Texts = {
  siteName: 'Veilig Thuis – Signaal',
  skipLink: 'Skip to content',
  loading: 'Please wait, the page is loading…',
  pageFailed: {
    title: 'This page could not be loaded',
    text: 'Maybe there is no internet. Reload the page, or call Veilig Thuis: 0800-2000. Free, day and night.',
  },
  language: {
    label: 'Language',
    switchTo: 'Nederlands',
    switchToLabel: 'Lees deze website in het Nederlands',
  },
  quickExit: {
    button: 'Quick exit',
    buttonHidden: ' – leave this website now',
    note: 'Quick exit replaces this page, but does not erase your browser history.',
    noteLink: 'Read how to browse safely.',
    keys: 'You can also press Shift 3 times quickly, or press Escape.',
  },
  nav: {
    label: 'Main menu',
    home: 'Home',
    safeBrowsing: 'Browse safely',
  },
  home: {
    title: 'Veilig Thuis',
    intro: [
      'Is it not safe at home? Or are you worried about someone else?',
      'Veilig Thuis helps with domestic violence and child abuse.',
      'You can ask us for advice or make a report. You do not have to give your name.',
      'We help victims, bystanders, people who use violence, and professionals.',
    ],
    dangerTitle: 'In danger right now?',
    dangerCall: 'Call 112',
    phoneTitle: 'Call Veilig Thuis',
    phone: 'Call 0800-2000. Free, day and night, also at weekends.',
    phoneCall: 'Call 0800-2000',
    helpTitle: 'What do you want to do?',
    chat: 'Chat with Veilig Thuis',
    advice: 'Ask for advice or make a report',
    meldcode: 'Reporting code for professionals',
    infoTitle: 'Learn more',
    info: {
      'wat-doet-veilig-thuis': 'What does Veilig Thuis do?',
      omstander: 'I am worried about someone else',
      'spanning-thuis': 'When tension rises at home',
      hulplijnen: 'Other helplines',
    },
    safetyTitle: 'Visit this website safely',
    safety: 'Are you afraid someone will see you were here? Use the Quick exit button. Also read how to browse safely.',
  },
  safeBrowsing: {
    title: 'Browse safely',
    intro: 'Maybe you do not want anyone to see that you visit this website. Here is how to do that.',
    cannotTitle: 'What Quick exit cannot do',
    cannotIntro: 'The Quick exit button opens another website at once. But Quick exit cannot erase everything:',
    cannot: [
      'Your browser history. It may still show that you were on this website.',
      'Pages you visited before this website. They stay in your history.',
      'Files you downloaded.',
      'The fact that you visited this website. Your internet provider or network can see that.',
    ],
    howTitle: 'How to browse more safely',
    how: [
      'Use a private or incognito window. The browser then keeps no history.',
      'Clear your browser history when you are done. Only clear the pages of this website if that is less noticeable.',
      'Use a phone or computer of someone you trust. For example a friend’s, at work or in the library.',
      'Prefer to call? Delete the number from your call list afterwards.',
    ],
    storage: 'This website itself stores nothing on your device: no cookies and no other data.',
    back: 'Back to home',
  },
  placeholder: {
    chat: 'Chat with Veilig Thuis',
    advice: 'Ask for advice or make a report',
    meldcode: 'Reporting code for professionals',
    notFound: 'This page does not exist',
    text: 'This page is not ready yet. Call Veilig Thuis: 0800-2000. Free, day and night.',
  },
  footer: {
    label: 'About this website',
    text: 'Veilig Thuis is there for everyone who deals with domestic violence or child abuse.',
    openData: 'Figures (open data)',
  },
};

export const publicResources = { nl: { translation: nl }, en: { translation: en } };
