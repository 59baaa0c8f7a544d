import { sql } from 'kysely';
import { hashPassword } from '../server/auth/password.ts';
import type { Role } from '../domain/access/permissions.ts';
import type { PartnerType } from '../domain/cases/workflow.ts';
import type { Db } from './database.ts';
import { transaction } from './scope.ts';

/**
 * Demo accounts, created on start in demo mode only (never with NODE_ENV=production). Their
 * passwords are published on the demo login page, so they skip two-factor authentication; the
 * data around them is invented.
 */
export const DEMO_PASSWORD = 'demo-signaal-2026';

/** A partner account works for a partner organisation of the demo directory (name and type). */
interface DemoAccountSpec {
  email: string;
  displayName: string;
  role: Role;
  region: string;
  partner?: { name: string; type: PartnerType };
  /** A meldcode organisation (school, childcare centre) that the account belongs to. */
  organisation?: string;
}

export const DEMO_ACCOUNTS: ReadonlyArray<DemoAccountSpec> = [
  { email: 'intake@demo.signaal.example', displayName: 'Ilse Intake (demo)', role: 'intake', region: 'VR14' },
  { email: 'casemanager@demo.signaal.example', displayName: 'Cas Manager (demo)', role: 'casemanager', region: 'VR14' },
  { email: 'teamleider@demo.signaal.example', displayName: 'Tessa Teamleider (demo)', role: 'teamleider', region: 'VR14' },
  { email: 'analist@demo.signaal.example', displayName: 'Ahmed Analist (demo)', role: 'analyst', region: 'VR14' },
  { email: 'beheer@demo.signaal.example', displayName: 'Bea Beheer (demo)', role: 'admin', region: 'VR14' },
  { email: 'partner@demo.signaal.example', displayName: 'Paul Partner (demo)', role: 'partner', region: 'VR14' },
  { email: 'casemanager.amsterdam@demo.signaal.example', displayName: 'Amal Amsterdam (demo)', role: 'casemanager', region: 'VR13' },
  { email: 'opvang@demo.signaal.example', displayName: 'Olga Opvang (demo)', role: 'opvang', region: 'VR14', partner: { name: 'Vrouwenopvang Gooi (demo)', type: 'vrouwenopvang' } },
  { email: 'politie@demo.signaal.example', displayName: 'Pieter Politie (demo)', role: 'partner', region: 'VR14', partner: { name: 'Politie Gooi en Vechtstreek (demo)', type: 'politie' } },
  { email: 'school@demo.signaal.example', displayName: 'Sanne School (demo)', role: 'partner', region: 'VR14', partner: { name: 'Basisschool De Verzonnen Linde (demo)', type: 'school' } },
  // Meldcode organisation accounts (ADR 0007): a school with a teacher and its aandachtsfunctionaris,
  // and a childcare centre whose aandachtsfunctionaris must not see the school's dossiers.
  { email: 'leerkracht@demo.signaal.example', displayName: 'Lotte Leerkracht (demo)', role: 'professional', region: 'VR14', organisation: 'Basisschool De Regenboog (demo)' },
  { email: 'aandachtsfunctionaris@demo.signaal.example', displayName: 'Anouk Aandachtsfunctionaris (demo)', role: 'aandachtsfunctionaris', region: 'VR14', organisation: 'Basisschool De Regenboog (demo)' },
  { email: 'aandachtsfunctionaris.kdv@demo.signaal.example', displayName: 'Karim Kinderopvang (demo)', role: 'aandachtsfunctionaris', region: 'VR14', organisation: 'Kinderdagverblijf Het Klimrek (demo)' },
];

export async function seedDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await transaction(db, async (trx) => {
    // Several processes may start at once against one server: one seeds, the others wait.
    await sql`select pg_advisory_xact_lock(7245191)`.execute(trx);
    for (const a of DEMO_ACCOUNTS) {
      const exists = await trx.selectFrom('staff_user').select('id').where(sql<string>`lower(email)`, '=', a.email).executeTakeFirst();
      if (exists) continue;
      const region = await trx.selectFrom('region').select('name').where('code', '=', a.region).executeTakeFirstOrThrow();
      const kind = a.organisation ? 'meldcode' : a.role === 'partner' || a.role === 'opvang' ? 'partner' : a.role === 'admin' ? 'beheer' : 'veilig-thuis';
      const orgName = a.organisation ?? a.partner?.name ?? (kind === 'partner' ? `Wijkteam ${region.name} (demo)` : `Veilig Thuis ${region.name} (demo)`);
      let org = await trx.selectFrom('organisation').select('id').where('name', '=', orgName).where('region_code', '=', a.region).executeTakeFirst();
      org ??= await trx
        .insertInto('organisation')
        .values({ name: orgName, kind, region_code: a.region, demo: true, partner_type: a.partner?.type ?? (kind === 'partner' ? 'lokaal-team' : null) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('staff_user')
        .values({
          email: a.email,
          display_name: a.displayName,
          role: a.role,
          organisation_id: org.id,
          region_code: a.region,
          password_hash: passwordHash,
          password_must_change: false,
          totp_secret: null,
          locked_until: null,
          disabled_at: null,
          demo: true,
        })
        .execute();
    }
    // More partner organisations in the demo directory, without accounts: a casemanager can hand
    // over to them, and the demo partner account must never see those handovers.
    for (const p of DEMO_PARTNERS) {
      const exists = await trx.selectFrom('organisation').select('id').where('name', '=', p.name).where('region_code', '=', p.region).executeTakeFirst();
      const org =
        exists ?? (await trx.insertInto('organisation').values({ name: p.name, kind: 'partner', partner_type: p.partnerType, region_code: p.region, demo: true }).returning('id').executeTakeFirstOrThrow());
      // Demo shelters publish places: Gooi is full, Amsterdam has room (overflow to another region).
      if (p.places) {
        await trx
          .insertInto('shelter_capacity')
          .values({ organisation_id: org.id, region_code: p.region, ...p.places, updated_by: null })
          .onConflict((oc) => oc.column('organisation_id').doNothing())
          .execute();
      }
    }
  });
}

type Places = { regular_places: number; regular_occupied: number; crisis_places: number; crisis_occupied: number };

export const DEMO_PARTNERS: ReadonlyArray<{ name: string; partnerType: PartnerType; region: string; places?: Places }> = [
  { name: 'Vrouwenopvang Gooi (demo)', partnerType: 'vrouwenopvang', region: 'VR14', places: { regular_places: 8, regular_occupied: 8, crisis_places: 2, crisis_occupied: 2 } },
  { name: 'Vrouwenopvang Amsterdam (demo)', partnerType: 'vrouwenopvang', region: 'VR13', places: { regular_places: 12, regular_occupied: 10, crisis_places: 3, crisis_occupied: 2 } },
  { name: 'Raad voor de Kinderbescherming Midden-Nederland (demo)', partnerType: 'rvdk', region: 'VR14' },
];
