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
    await seedDemoFigures(trx);
  });
}

/**
 * Invented history for the figures dashboards: about two years of adviezen and meldingen in every
 * region (more in the demo regions), their follow-up events and (closed) handling, chats and
 * codeword uses. No person data at all: no names, no stories, no households. Everything is dated
 * at least two days ago (and codeword uses before this month), so what a demo user or a browser
 * test registers today is always the newest, and this month's meldcode counts stay their own.
 * Deterministic (hashes of the row number), added once.
 */
async function seedDemoFigures(trx: Parameters<Parameters<typeof transaction>[1]>[0]): Promise<void> {
  const done = await trx.selectFrom('contact').select('id').where('source', '=', 'demo-cijfers').limit(1).executeTakeFirst();
  if (done) return;
  // u(key) is a deterministic number in [0, 1) for a text key.
  await sql`
    insert into contact (kind, received_at, region_code, municipality_code, channel, reporter_type, reporter_group, violence_type, acute, source, external_id)
    with mun as (
      select region_code, array_agg(municipality_code order by municipality_code) as codes from municipality_classification
       where year = (select max(year) from municipality_classification) group by region_code
    )
    select case when u1 < 0.47 then 'advies' else 'melding' end,
           date_trunc('minute', now() - interval '2 days' - (u2 * 730) * interval '1 day' - (u3 * 10) * interval '1 hour'),
           r.code,
           mun.codes[1 + floor(u4 * cardinality(mun.codes))::int],
           case when u1 >= 0.47 and u5 < 0.62 then 'politie' else (array['telefoon', 'telefoon', 'telefoon', 'chat', 'webformulier', 'email', 'overig'])[1 + floor(u5 * 7)::int] end,
           case when u6 < 0.6 then 'beroepsmatig' when u6 < 0.97 then 'particulier' else 'onbekend' end,
           case when u6 >= 0.6 then 'burger'
                else (array['politie', 'politie', 'onderwijs', 'huisarts', 'gezondheidszorg-overig', 'ggz', 'kinderopvang', 'jeugdhulp', 'maatschappelijk-werk', 'beroepsmatig-overig'])[1 + floor(u7 * 10)::int] end,
           case when u1 < 0.47 and u8 < 0.5 then null
                else (array['kindermishandeling', 'kindermishandeling', 'kindermishandeling', 'partnergeweld', 'partnergeweld', 'partnergeweld', 'ouderenmishandeling', 'geweld-tegen-ouders', 'huiselijk-geweld-overig', 'huiselijk-geweld-overig'])[1 + floor(u8 * 10)::int] end,
           u9 < 0.08,
           'demo-cijfers',
           'demo-' || r.code || '-' || g
      from region r
      join mun on mun.region_code = r.code
      cross join lateral generate_series(1, case when r.code = 'VR14' then 300 when r.code = 'VR13' then 120 else 12 end) as g
      cross join lateral (select
         (abs(hashtext(r.code || g || 'a')) % 100000) / 100000.0 as u1, (abs(hashtext(r.code || g || 'b')) % 100000) / 100000.0 as u2,
         (abs(hashtext(r.code || g || 'c')) % 100000) / 100000.0 as u3, (abs(hashtext(r.code || g || 'd')) % 100000) / 100000.0 as u4,
         (abs(hashtext(r.code || g || 'e')) % 100000) / 100000.0 as u5, (abs(hashtext(r.code || g || 'f')) % 100000) / 100000.0 as u6,
         (abs(hashtext(r.code || g || 'g')) % 100000) / 100000.0 as u7, (abs(hashtext(r.code || g || 'h')) % 100000) / 100000.0 as u8,
         (abs(hashtext(r.code || g || 'i')) % 100000) / 100000.0 as u9) u`.execute(trx);
  // Every melding: a safety assessment (most within the 5 working days), then its follow-up.
  await sql`
    insert into case_handling (contact_id, region_code, state, assessment_due, assessed_at, decision, investigation_due, investigation_concluded_at, closed_at, close_reason)
    select c.id, c.region_code, 'closed', c.received_at + interval '7 days',
           c.received_at + (u.a * 9) * interval '1 day',
           case when u.b < 0.3 then 'onderzoek' when u.b < 0.75 then 'overdracht' else 'afsluiten' end,
           case when u.b < 0.3 then c.received_at + interval '11 weeks' end,
           case when u.b < 0.3 then c.received_at + (3 + u.c * 10) * interval '1 week' end,
           c.received_at + interval '15 weeks', 'demo'
      from contact c
      cross join lateral (select (abs(hashtext(c.external_id || 'a')) % 1000) / 1000.0 as a, (abs(hashtext(c.external_id || 'b')) % 1000) / 1000.0 as b,
                                 (abs(hashtext(c.external_id || 'c')) % 1000) / 1000.0 as c) u
     where c.source = 'demo-cijfers' and c.kind = 'melding'`.execute(trx);
  await sql`
    insert into contact_event (contact_id, region_code, type, at, outcome, partner)
    select h.contact_id, h.region_code, e.type, e.at, e.outcome, e.partner
      from case_handling h
      join contact c on c.id = h.contact_id and c.source = 'demo-cijfers'
      cross join lateral (select (abs(hashtext(c.external_id || 'p')) % 1000) / 1000.0 as p, (abs(hashtext(c.external_id || 'q')) % 1000) / 1000.0 as q) u
      cross join lateral (
        select 'veiligheidsbeoordeling' as type, h.assessed_at as at, null::text as outcome, null::text as partner
        union all select 'onderzoek', h.assessed_at + interval '3 days', (array['bevestigd', 'bevestigd', 'niet-bevestigd', 'weerlegd'])[1 + floor(u.p * 4)::int], null where h.decision = 'onderzoek'
        union all select 'veiligheidsvoorwaarden', h.assessed_at + interval '1 day', null, null where u.q < 0.25
        union all select 'overdracht', h.assessed_at + interval '2 weeks', null, (array['lokaal-team', 'lokaal-team', 'lokaal-team', 'gi', 'rvdk', 'vrouwenopvang', 'csg', 'mda'])[1 + floor(u.p * 8)::int] where h.decision = 'overdracht'
        union all select 'monitoring', h.assessed_at + interval '2 weeks', null, null where h.decision = 'overdracht' and u.q < 0.7
        union all select 'huisverbod', c.received_at + interval '1 hour', null, null where u.q > 0.97
        union all select 'aware', h.assessed_at + interval '5 days', null, null where u.q between 0.95 and 0.965
        union all select 'afsluiting', h.closed_at, null, null
      ) e`.execute(trx);
  // Chats: a few a week (a sample), served, abandoned or left as a message; no transcript kept.
  await sql`
    insert into chat_session (token_hash, nickname, region_code, status, left_message, created_at, queued_at, accepted_at, ended_at, ended_by, visitor_group, topics, outcome, transcript_deleted_at)
    select 'demo-cijfers-' || g, '-', case when u1 < 0.35 then null else (select code from region order by code offset floor(u2 * (select count(*) from region))::int limit 1) end,
           'ended', u3 < 0.08, t, t,
           case when u3 >= 0.2 then t + (30 + u4 * 1500) * interval '1 second' end,
           t + (200 + u4 * 1500 + u5 * 2400) * interval '1 second', 'visitor',
           (array['slachtoffer', 'slachtoffer', 'omstander', 'pleger', 'kind-jongere', 'onbekend'])[1 + floor(u5 * 6)::int],
           array[(array['partnergeweld', 'kindermishandeling', 'spanningen-thuis', 'stalking', 'overig'])[1 + floor(u2 * 5)::int]],
           case when u3 >= 0.2 then (array['informatie-advies', 'informatie-advies', 'doorverwezen', 'omgezet-advies', 'omgezet-melding'])[1 + floor(u4 * 5)::int] end,
           t + interval '30 days'
      from generate_series(1, 150) as g
      cross join lateral (select
         (abs(hashtext('chat' || g || 'a')) % 100000) / 100000.0 as u1, (abs(hashtext('chat' || g || 'b')) % 100000) / 100000.0 as u2,
         (abs(hashtext('chat' || g || 'c')) % 100000) / 100000.0 as u3, (abs(hashtext('chat' || g || 'd')) % 100000) / 100000.0 as u4,
         (abs(hashtext('chat' || g || 'e')) % 100000) / 100000.0 as u5) u
      cross join lateral (select date_trunc('minute', now() - interval '2 days' - (u1 * 730) * interval '1 day') as t) tt`.execute(trx);
  // Codeword uses: a few a month, all before this month.
  await sql`
    insert into codeword_use (used_on, region_code, path)
    select (date_trunc('month', now() at time zone 'Europe/Amsterdam') - interval '1 day' - (((abs(hashtext('cw' || g)) % 1000) / 1000.0) * 700) * interval '1 day')::date,
           (select code from region order by code offset (abs(hashtext('cwr' || g)) % (select count(*) from region))::int limit 1),
           (array['alleen', 'alleen', 'begeleid', 'acuut'])[1 + (abs(hashtext('cwp' || g)) % 4)]
      from generate_series(1, 60) as g`.execute(trx);
}

type Places = { regular_places: number; regular_occupied: number; crisis_places: number; crisis_occupied: number };

export const DEMO_PARTNERS: ReadonlyArray<{ name: string; partnerType: PartnerType; region: string; places?: Places }> = [
  { name: 'Vrouwenopvang Gooi (demo)', partnerType: 'vrouwenopvang', region: 'VR14', places: { regular_places: 8, regular_occupied: 8, crisis_places: 2, crisis_occupied: 2 } },
  { name: 'Vrouwenopvang Amsterdam (demo)', partnerType: 'vrouwenopvang', region: 'VR13', places: { regular_places: 12, regular_occupied: 10, crisis_places: 3, crisis_occupied: 2 } },
  { name: 'Raad voor de Kinderbescherming Midden-Nederland (demo)', partnerType: 'rvdk', region: 'VR14' },
];
