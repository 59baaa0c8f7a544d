// The sectors and the childcare routes with their names, in Dutch and English: what the meldcode
// tool's start page shows. Apart from the rest of the sector content (sectors.ts, which re-exports
// all of this) so the public site's first load of /meldcode need not carry the signal lists.

export interface Text {
  nl: string;
  en: string;
}

export const SECTORS = ['onderwijs', 'kinderopvang', 'huisarts', 'ziekenhuis', 'ggz', 'jeugdhulp', 'sociaal-werk', 'justitie', 'apotheek', 'overig'] as const;
export type Sector = (typeof SECTORS)[number];

/** Childcare's three routes (meldcode kinderopvang). */
export const CHILDCARE_ROUTES = ['thuis', 'medewerker', 'tussen-kinderen'] as const;
export type ChildcareRoute = (typeof CHILDCARE_ROUTES)[number];

/** The sectors where the route chosen first decides the path: only childcare. */
export const SECTOR_ROUTES: Readonly<Partial<Record<Sector, readonly ChildcareRoute[]>>> = { kinderopvang: CHILDCARE_ROUTES };

export const SECTOR_LABELS: Record<Sector, Text> = {
  onderwijs: { nl: 'Onderwijs', en: 'Education' },
  kinderopvang: { nl: 'Kinderopvang', en: 'Childcare' },
  huisarts: { nl: 'Gezondheidszorg: huisarts', en: 'Health care: general practice' },
  ziekenhuis: { nl: 'Gezondheidszorg: ziekenhuis', en: 'Health care: hospital' },
  ggz: { nl: 'GGZ', en: 'Mental health care' },
  jeugdhulp: { nl: 'Jeugdhulp', en: 'Youth care' },
  'sociaal-werk': { nl: 'Maatschappelijke ondersteuning en sociaal werk', en: 'Social support and social work' },
  justitie: { nl: 'Justitie', en: 'Justice' },
  apotheek: { nl: 'Apotheek', en: 'Pharmacy' },
  overig: { nl: 'Overig', en: 'Other' },
};

export const CHILDCARE_ROUTE_LABELS: Record<ChildcareRoute, Text> = {
  thuis: { nl: 'Geweld of verwaarlozing thuis', en: 'Violence or neglect at home' },
  medewerker: { nl: 'Geweld of een zedendelict door een medewerker', en: 'Violence or a sexual offence by a staff member' },
  'tussen-kinderen': { nl: 'Grensoverschrijdend gedrag tussen kinderen', en: 'Abusive behaviour between children' },
};

/** Childcare route notes: a staff member or children among themselves do not go through Veilig Thuis first. */
export const CHILDCARE_ROUTE_NOTES: Record<ChildcareRoute, Text> = {
  thuis: { nl: 'Volg de vijf stappen hieronder.', en: 'Follow the five steps below.' },
  medewerker: { nl: 'Informeer direct de houder. De houder overlegt met de vertrouwensinspecteur (0900-111 3 111) en doet bij een redelijk vermoeden aangifte bij de politie.', en: 'Inform the owner at once. The owner consults the confidential inspector (0900-111 3 111) and, with a reasonable suspicion, reports to the police.' },
  'tussen-kinderen': { nl: 'Breng de signalen in kaart, informeer de ouders van de betrokken kinderen en overleg met de vertrouwensinspecteur bij ernstig grensoverschrijdend gedrag.', en: 'Map the signs, inform the parents of the children involved, and consult the confidential inspector for serious abusive behaviour.' },
};
