import type { REPORTER_GROUPS } from '../contacts/vocabulary.ts';
import { CHILDCARE_ROUTES, SECTOR_LABELS, SECTORS, type ChildcareRoute, type Sector, type Text } from './sector-labels.ts';

/**
 * Sector content of the meldcode tool: the sectors, their signal lists and notes, the steps and
 * the questions of the afwegingskader. Texts in Dutch and English like ROLE_LABELS: the public
 * tool (loaded as its own chunks), the organisation dossiers and the PDF all read them here.
 * The sector names and the childcare routes are in sector-labels.ts, on their own: the tool's
 * start page needs only those, and the public site's first load has a size budget.
 */
export { CHILDCARE_ROUTE_LABELS, CHILDCARE_ROUTE_NOTES, CHILDCARE_ROUTES, SECTOR_LABELS, SECTOR_ROUTES, SECTORS } from './sector-labels.ts';
export type { ChildcareRoute, Sector, Text } from './sector-labels.ts';

export interface SectorContent {
  label: Text;
  /** The reporter group of a melding or advice from this sector (CBS categories, exchange-v1). */
  reporterGroup: (typeof REPORTER_GROUPS)[number];
  signals: readonly { code: string; label: Text }[];
  /** Sector notes shown with the steps. */
  notes: readonly Text[];
  /** Education and childcare must report a sexual offence or violence by a staff member to the inspectorate. */
  inspectorateDuty: boolean;
  /** Only childcare: the route chosen first decides the path. */
  routes?: readonly ChildcareRoute[];
}

const CHILD_SIGNALS = [
  { code: 'kind-letsel', label: { nl: 'Onverklaard letsel (blauwe plekken, brandwonden) of een verklaring die niet past', en: 'Unexplained injuries (bruises, burns) or an explanation that does not fit' } },
  { code: 'kind-gedrag', label: { nl: 'Plotselinge verandering in gedrag: teruggetrokken, angstig, agressief', en: 'Sudden change in behaviour: withdrawn, anxious, aggressive' } },
  { code: 'kind-verwaarlozing', label: { nl: 'Verwaarlozing: honger, slechte hygiëne, niet passende kleding, gemiste zorg', en: 'Neglect: hunger, poor hygiene, unsuitable clothing, missed care' } },
  { code: 'kind-vertelt', label: { nl: 'Het kind vertelt zelf over geweld of angst thuis', en: 'The child tells about violence or fear at home' } },
  { code: 'kind-ouder', label: { nl: 'Opvallend gedrag van een ouder: dreigend, onverschillig, onder invloed', en: 'Striking behaviour of a parent: threatening, indifferent, under the influence' } },
  { code: 'kind-getuige', label: { nl: 'Het kind is getuige van huiselijk geweld', en: 'The child witnesses domestic violence' } },
] as const;

const ADULT_SIGNALS = [
  { code: 'letsel', label: { nl: 'Letsel dat niet past bij de verklaring, of herhaald letsel', en: 'Injuries that do not fit the explanation, or repeated injuries' } },
  { code: 'angst', label: { nl: 'Angst, schrikreacties, de partner voert steeds het woord', en: 'Fear, startle reactions, the partner always does the talking' } },
  { code: 'controle', label: { nl: 'Controle: geen eigen geld, telefoon of sociale contacten', en: 'Control: no own money, phone or social contacts' } },
  { code: 'vertelt', label: { nl: 'De cliënt vertelt zelf over geweld of bedreiging', en: 'The client tells about violence or threats' } },
  { code: 'kinderen', label: { nl: 'Er zijn kinderen in het gezin die getuige kunnen zijn', en: 'There are children in the household who may witness it' } },
  { code: 'ouderen', label: { nl: 'Signalen van ouderenmishandeling: verwaarlozing, financiële uitbuiting', en: 'Signs of elder abuse: neglect, financial exploitation' } },
] as const;

const INSPECTORATE: Text = {
  nl: 'Gaat het om een zedendelict of geweld door een medewerker? Dan meldt u dit ook bij de vertrouwensinspecteur van de Inspectie (0900-111 3 111). Dat is een wettelijke plicht.',
  en: 'Is it a sexual offence or violence by a staff member? Then you must also report it to the inspectorate’s confidential inspector (0900-111 3 111). This is a legal duty.',
};

export const SECTOR_CONTENT: Record<Sector, SectorContent> = {
  onderwijs: {
    label: SECTOR_LABELS.onderwijs,
    reporterGroup: 'onderwijs',
    signals: CHILD_SIGNALS,
    notes: [INSPECTORATE, { nl: 'Overleg in stap 2 met de aandachtsfunctionaris of intern begeleider van de school.', en: 'In step 2, consult the school’s designated expert or internal supervisor.' }],
    inspectorateDuty: true,
  },
  kinderopvang: {
    label: SECTOR_LABELS.kinderopvang,
    reporterGroup: 'kinderopvang',
    signals: CHILD_SIGNALS,
    notes: [INSPECTORATE, { nl: 'De kinderopvang kent drie routes: geweld thuis, geweld door een medewerker, en geweld tussen kinderen. Kies eerst de route.', en: 'Childcare has three routes: violence at home, violence by a staff member, and violence between children. Choose the route first.' }],
    inspectorateDuty: true,
    routes: CHILDCARE_ROUTES, // as SECTOR_ROUTES says (meldcode.test.ts checks)
  },
  huisarts: {
    label: SECTOR_LABELS.huisarts,
    reporterGroup: 'huisarts',
    signals: [...ADULT_SIGNALS, ...CHILD_SIGNALS.slice(0, 3)],
    notes: [{ nl: 'Uw beroepsgeheim staat een melding bij Veilig Thuis niet in de weg: u heeft meldrecht.', en: 'Your professional secrecy does not stand in the way of reporting to Veilig Thuis: you have the right to report.' }],
    inspectorateDuty: false,
  },
  ziekenhuis: {
    label: SECTOR_LABELS.ziekenhuis,
    reporterGroup: 'gezondheidszorg-overig',
    signals: [...ADULT_SIGNALS, ...CHILD_SIGNALS.slice(0, 3)],
    notes: [{ nl: 'Bij letsel van een kind op de spoedeisende hulp: volg ook de screening van uw ziekenhuis en overleg met het kindermishandelingsteam.', en: 'For a child’s injury in the emergency department: also follow your hospital’s screening and consult the child abuse team.' }],
    inspectorateDuty: false,
  },
  ggz: {
    label: SECTOR_LABELS.ggz,
    reporterGroup: 'ggz',
    signals: ADULT_SIGNALS,
    notes: [{ nl: 'Denk ook aan de kinderen van uw cliënt (kindcheck): zijn zij veilig?', en: 'Think of your client’s children too (child check): are they safe?' }],
    inspectorateDuty: false,
  },
  jeugdhulp: {
    label: SECTOR_LABELS.jeugdhulp,
    reporterGroup: 'jeugdhulp',
    signals: CHILD_SIGNALS,
    notes: [{ nl: 'Is het gezin al in beeld bij uw organisatie? Bespreek de signalen ook in uw eigen team.', en: 'Is the family already known to your organisation? Discuss the signs within your own team too.' }],
    inspectorateDuty: false,
  },
  'sociaal-werk': {
    label: SECTOR_LABELS['sociaal-werk'],
    reporterGroup: 'maatschappelijk-werk',
    signals: ADULT_SIGNALS,
    notes: [{ nl: 'Ook een wijkteam kan hulp organiseren: vraag u in stap 5 af of die hulp voldoende is voor de veiligheid.', en: 'A local team can organise help too: in step 5, ask whether that help is enough for safety.' }],
    inspectorateDuty: false,
  },
  justitie: {
    label: SECTOR_LABELS.justitie,
    reporterGroup: 'justitie',
    signals: ADULT_SIGNALS,
    notes: [{ nl: 'Let op kinderen in het gezin van een justitiabele en op het risico van herhaling.', en: 'Mind children in the household of a person under supervision and the risk of repetition.' }],
    inspectorateDuty: false,
  },
  apotheek: {
    label: SECTOR_LABELS.apotheek,
    reporterGroup: 'gezondheidszorg-overig',
    signals: ADULT_SIGNALS,
    notes: [{ nl: 'Zegt iemand aan de balie het codewoord "Masker 19"? Gebruik dan de balieroute Masker 19.', en: 'Does someone at the counter say the codeword "Masker 19"? Use the Masker 19 counter route.' }],
    inspectorateDuty: false,
  },
  overig: {
    label: SECTOR_LABELS.overig,
    reporterGroup: 'beroepsmatig-overig',
    signals: [...ADULT_SIGNALS, ...CHILD_SIGNALS],
    notes: [],
    inspectorateDuty: false,
  },
};

export const STEPS = [1, 2, 3, 4, 5] as const;
export type Step = (typeof STEPS)[number];

export const STEP_CONTENT: Record<Step, { title: Text; note: Text }> = {
  1: { title: { nl: 'Stap 1: Breng signalen in kaart', en: 'Step 1: Map the signs' }, note: { nl: 'Leg vast wat u ziet en hoort: feiten, met datum. Ook signalen die een vermoeden ontkrachten.', en: 'Record what you see and hear: facts, with a date. Also signs that contradict the suspicion.' } },
  2: { title: { nl: 'Stap 2: Overleg met een collega en vraag zo nodig Veilig Thuis om advies', en: 'Step 2: Consult a colleague and, if needed, ask Veilig Thuis for advice' }, note: { nl: 'Bespreek de signalen met de aandachtsfunctionaris. Een advies van Veilig Thuis is anoniem: u noemt de naam van de cliënt niet.', en: 'Discuss the signs with the designated expert. Advice from Veilig Thuis is anonymous: you do not name the client.' } },
  3: { title: { nl: 'Stap 3: Gesprek met de cliënt', en: 'Step 3: Talk with the client' }, note: { nl: 'Bespreek uw zorgen met de cliënt, ouder of het kind. Sla dit gesprek alleen over als het de veiligheid in gevaar brengt.', en: 'Share your concerns with the client, parent or child. Skip this talk only if it would endanger safety.' } },
  4: { title: { nl: 'Stap 4: Weeg het geweld af met het afwegingskader', en: 'Step 4: Weigh the violence with the afwegingskader' }, note: { nl: 'Bij twijfel: vraag altijd Veilig Thuis om advies.', en: 'In doubt: always ask Veilig Thuis for advice.' } },
  5: { title: { nl: 'Stap 5: Neem twee besluiten: melden en hulp', en: 'Step 5: Take two decisions: report, and help' }, note: { nl: 'Is een melding noodzakelijk? En kunt u zelf hulp bieden of organiseren?', en: 'Is a report necessary? And can you offer or organise help yourself?' } },
};

export const QUESTION_TEXT: Record<1 | 2 | 3 | 4 | 5, Text> = {
  1: { nl: 'Heb ik op basis van de stappen 1 tot en met 4 een vermoeden van (dreiging van) huiselijk geweld of kindermishandeling?', en: 'Based on steps 1 to 4, do I suspect (a threat of) domestic violence or child abuse?' },
  2: { nl: 'Is er sprake van acute onveiligheid of structurele onveiligheid?', en: 'Is there acute or structural unsafety?' },
  3: { nl: 'Ben ik in staat om effectieve, passende hulp te bieden of te organiseren?', en: 'Can I offer or organise sufficient, fitting help myself?' },
  4: { nl: 'Aanvaarden de betrokkenen de hulp en zijn zij bereid zich in te zetten?', en: 'Do those involved accept the help and commit to it?' },
  5: { nl: 'Leidt de hulp binnen de afgesproken tijd tot de noodzakelijke resultaten ten aanzien van veiligheid en welzijn?', en: 'Does the help reach the needed results on safety and wellbeing within the agreed time?' },
};

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}
