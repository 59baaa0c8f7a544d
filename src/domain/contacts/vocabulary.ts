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
/** Additional information on a contact (exchange-v1 `flags`). */
export const FLAGS = [
  'eergerelateerd-geweld',
  'huwelijksdwang',
  'achterlating',
  'vrouwelijke-genitale-verminking',
  'mensenhandel',
  'seksueel-geweld',
  'online-seksueel-geweld',
] as const;
/** Follow-up on a contact (exchange-v1 events). */
export const EVENT_TYPES = [
  'veiligheidsbeoordeling',
  'onderzoek',
  'veiligheidsvoorwaarden',
  'overdracht',
  'monitoring',
  'huisverbod',
  'aware',
  'afsluiting',
] as const;
/** Outcome of an onderzoek (per type of violence in the Handelingsprotocol). */
export const ONDERZOEK_OUTCOMES = ['bevestigd', 'niet-bevestigd', 'weerlegd'] as const;
