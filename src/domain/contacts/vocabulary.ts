/** Code lists of contacts, as in ../shared/contracts/exchange-v1.md (CBS categories). */
export const CONTACT_KINDS = ['advies', 'melding'] as const;
export const CHANNELS = ['telefoon', 'chat', 'webformulier', 'email', 'politie', 'meldcode', 'apotheek', 'overig'] as const;
export const REPORTER_TYPES = ['beroepsmatig', 'particulier', 'onbekend'] as const;
export const REPORTER_GROUPS = [
  'preventieve-basisvoorzieningen',
  'huisarts',
  'gezondheidszorg-overig',
  'ggz',
  'kinderopvang',
  'onderwijs',
  'jeugdhulp',
  'politie',
  'justitie',
  'maatschappelijk-werk',
  'beroepsmatig-overig',
  'burger',
  'onbekend',
] as const;
export const VIOLENCE_TYPES = [
  'kindermishandeling',
  'partnergeweld',
  'ouderenmishandeling',
  'geweld-tegen-ouders',
  'huiselijk-geweld-overig',
  'onbekend',
] as const;
