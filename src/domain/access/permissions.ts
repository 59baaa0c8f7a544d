/**
 * Access is data: every permission a route can require, and which role holds it. The server
 * enforces this table in one place (the access plugin) and the database enforces record scope
 * with row-level security reading the same permissions (see db/migrations/0001-foundation.ts).
 * docs/ACCESS.md is generated from this table and the route list.
 */
export const ROLES = ['intake', 'casemanager', 'teamleider', 'analyst', 'admin', 'partner', 'opvang', 'professional', 'aandachtsfunctionaris'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'contacts:read': 'Read advice requests and reports (adviezen en meldingen) of the own region',
  'contacts:create': 'Register an advice request or report in the own region',
  'households:read': 'Read the household files (radar) of the own region and the matches of a melding with them',
  'households:link': 'Add a melding to a household file of the own region, or open a new file, after confirming a match',
  'households:lookup': 'Ask the national lookup whether a person is known in any region (answers region and date only)',
  'cases:read': 'Read the handling of meldingen of the own region: work list, deadlines, timeline',
  'cases:handle': 'Take handling steps: safety assessment, decision, closing',
  'cases:assign': 'Assign meldingen to casemanagers and approve or reject assessment decisions (four eyes)',
  'regions:read': 'Read regions and their municipalities',
  'regions:manage': 'Change which region a municipality belongs to, from a given year on',
  'users:manage': 'List and create staff accounts of the own region',
  'audit:read': 'Browse the audit trail of the own region and verify the chain',
  'reports:read': 'Read the annual figures of a region (aggregates only, never a person)',
  'apikeys:manage': 'Create, list and revoke API keys of partner organisations of the own region',
  'partners:manage': 'Keep the directory of partner organisations of the own region',
  'shelter:read': 'See the free shelter places of every region (counts, no person data)',
  'shelter:hold': 'Hold a free shelter place for a few hours while a victim travels, and record a search without a place',
  'shelter:update': 'Shelter staff: publish the places and occupancy of the own shelter',
  'hwc:send': 'Police: send a Handle with Care signal to a child’s school (only from a police organisation)',
  'hwc:receive': 'School contact person: read and acknowledge the Handle with Care signals of the own school',
  'childcare:register': 'School, childcare centre or municipality: register the number of children in emergency childcare per week (no names)',
  'handovers:respond': 'Partner: read the handovers addressed to the own organisation, accept or decline them and give feedback',
  'meldcode:dossiers': 'Keep own meldcode dossiers in the own organisation (professional with an organisation account)',
  'meldcode:supervise': 'See and support all meldcode dossiers of the own organisation (aandachtsfunctionaris)',
  'chat:handle': 'Take part in the national chat: set availability, take chats from the queue, chat, tag, transfer, end',
  'chat:manage': 'Manage the opening hours of the chat (national and own region)',
  'pages:manage': 'Edit the public information pages (what Veilig Thuis does, bystanders, tension at home, helplines)',
  'retention:manage': 'See the retention settings and the runs of the retention job (counts only), and start a run',
} as const;
export type Permission = keyof typeof PERMISSIONS;

/**
 * Route-level access that is not a permission:
 * - `public`: no session needed (public site, health, login).
 * - `session`: any signed-in session, also one that has not finished two-factor set-up
 *   (password change, TOTP set-up and verification, sign-out, reading one's own session).
 */
export type RouteAccess = Permission | 'public' | 'session';

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  intake: ['contacts:read', 'contacts:create', 'households:read', 'households:link', 'households:lookup', 'regions:read', 'shelter:read', 'shelter:hold', 'chat:handle'],
  casemanager: ['contacts:read', 'contacts:create', 'households:read', 'households:link', 'households:lookup', 'cases:read', 'cases:handle', 'regions:read', 'shelter:read', 'shelter:hold'],
  // Team leads also take chats when the queue is long, and receive transfers.
  teamleider: ['contacts:read', 'contacts:create', 'households:read', 'households:link', 'households:lookup', 'cases:read', 'cases:handle', 'cases:assign', 'regions:read', 'reports:read', 'shelter:read', 'shelter:hold', 'chat:handle'],
  // Analysts see figures only, never a person: no record permission at all.
  analyst: ['regions:read', 'reports:read'],
  admin: ['regions:read', 'regions:manage', 'users:manage', 'audit:read', 'reports:read', 'apikeys:manage', 'partners:manage', 'chat:manage', 'pages:manage', 'retention:manage'],
  // Partners see only what was handed over to their own organisation (row-level security on the
  // organisation), never a Veilig Thuis file. What a partner account can do is then narrowed by its organisation: only police send Handle
  // with Care signals, only a school receives them (row-level security on the organisation).
  partner: ['handovers:respond', 'shelter:read', 'hwc:send', 'hwc:receive', 'childcare:register'],
  // Staff of a women's shelter: publish their own places; see those of other shelters for overflow.
  opvang: ['shelter:read', 'shelter:update'],
  // Professionals of a school, childcare centre, pharmacy or GP practice: only their own
  // organisation's meldcode dossiers, never a Veilig Thuis record (ADR 0007).
  professional: ['meldcode:dossiers'],
  aandachtsfunctionaris: ['meldcode:dossiers', 'meldcode:supervise'],
};

export const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  intake: { nl: 'Intake- en chatmedewerker', en: 'Intake and chat worker' },
  casemanager: { nl: 'Casemanager', en: 'Case manager' },
  teamleider: { nl: 'Teamleider', en: 'Team lead' },
  analyst: { nl: 'Analist', en: 'Analyst' },
  admin: { nl: 'Beheerder', en: 'Administrator' },
  partner: { nl: 'Ketenpartner', en: 'Chain partner' },
  opvang: { nl: 'Medewerker vrouwenopvang', en: "Women's shelter staff" },
  professional: { nl: 'Professional (meldcode)', en: 'Professional (meldcode)' },
  aandachtsfunctionaris: { nl: 'Aandachtsfunctionaris', en: 'Designated expert (aandachtsfunctionaris)' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
