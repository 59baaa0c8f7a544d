import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { INVALID_BSN_MESSAGE, isValidBsn } from '../../domain/households/bsn.ts';
import { MATCH_REASONS, MATCH_STRENGTHS, matchHouseholds } from '../../domain/households/matching.ts';
import { PERSON_ROLES } from '../../domain/households/persons.ts';
import { contactRepository } from '../contacts/contact.repository.ts';
import { recordNotFound } from '../errors.ts';
import { HouseholdError, householdRepository } from './household.repository.ts';

const candidateView = z.object({
  householdId: z.string(),
  strength: z.enum(MATCH_STRENGTHS),
  score: z.number(),
  reasons: z.array(z.object({ reason: z.enum(MATCH_REASONS), personName: z.string(), knownName: z.string() })),
  meldingen: z.number(),
  lastReceivedAt: z.string().nullable(),
});

const householdFile = z.object({
  id: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  /** Repeat report at a glance (radar). */
  summary: z.object({
    meldingen: z.number(),
    firstReceivedAt: z.string().nullable(),
    lastReceivedAt: z.string().nullable(),
    /** Distinct reporters: by name when known, else by reporter group. */
    distinctReporters: z.number(),
    repeat: z.boolean(),
  }),
  meldingen: z.array(
    z.object({
      id: z.string(),
      receivedAt: z.string(),
      violenceType: z.enum(VIOLENCE_TYPES).nullable(),
      reporterType: z.enum(REPORTER_TYPES),
      reporterGroup: z.enum(REPORTER_GROUPS),
      acute: z.boolean(),
    }),
  ),
  persons: z.array(z.object({ id: z.string(), contactId: z.string(), role: z.enum(PERSON_ROLES), name: z.string(), birthDate: z.string().nullable(), address: z.string().nullable() })),
});

const lookupBody = z.union([
  z.object({ bsn: z.string().trim().refine(isValidBsn, INVALID_BSN_MESSAGE) }).strict(),
  z.object({ name: z.string().trim().min(2).max(200), birthDate: z.iso.date() }).strict(),
]);

export async function householdRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/contacts/:id/household-matches', {
    config: { access: 'households:read' },
    schema: {
      summary: 'Household files of the own region that the people of a melding may belong to (suggestions; nothing is joined)',
      tags: ['households'],
      params: z.object({ id: z.string().max(100) }),
      response: { 200: z.object({ contactId: z.string(), householdId: z.string().nullable(), candidates: z.array(candidateView) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const contacts = contactRepository(db);
      const row = await contacts.get(req.params.id);
      if (!row) throw recordNotFound('contact', req.params.id, 'household.match');
      const people = await contacts.persons(row.id);
      const current = people.find((p) => p.household_id)?.household_id ?? null;
      const households = householdRepository(db);
      const facts = people.map((p) => ({ name: p.name, birthDate: p.birth_date, street: p.street, postcode: p.postcode, bsn: p.bsn }));
      const known = current ? [] : await households.knownPeople(facts, row.id);
      const names = new Map(known.map((k) => [k.id, k.name]));
      const candidates = matchHouseholds(facts, known);
      const summaries = await households.summaries(candidates.map((c) => c.householdId));
      await audit({ action: 'household.match', recordType: 'contact', recordId: row.id, regionCode: row.region_code, reason: `${candidates.length} candidates` });
      // Showing a candidate shows data of that household's people: a read of each file.
      for (const c of candidates) await audit({ action: 'household.match', recordType: 'household', recordId: c.householdId, regionCode: row.region_code });
      return {
        contactId: row.id,
        householdId: current,
        candidates: candidates.map((c) => ({
          householdId: c.householdId,
          strength: c.strength,
          score: c.score,
          reasons: c.reasons.map((r) => ({ reason: r.reason, personName: people[r.person]!.name, knownName: names.get(r.knownPersonId) ?? '' })),
          meldingen: summaries.get(c.householdId)?.meldingen ?? 0,
          lastReceivedAt: summaries.get(c.householdId)?.lastReceivedAt?.toISOString() ?? null,
        })),
      };
    }),
  );

  app.post('/api/contacts/:id/household', {
    config: { access: 'households:link' },
    schema: {
      summary: 'Add a melding to a household file of the own region, or open a new file for it (the worker confirms; never automatic)',
      tags: ['households'],
      params: z.object({ id: z.string().max(100) }),
      body: z.union([z.object({ householdId: z.uuid() }).strict(), z.object({ new: z.literal(true) }).strict()]),
      response: { 200: z.object({ householdId: z.string(), created: z.boolean() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const contacts = contactRepository(db);
      const row = await contacts.get(req.params.id);
      if (!row) throw recordNotFound('contact', req.params.id, 'household.join');
      if (row.kind !== 'melding') throw new HouseholdError(400, 'not_a_melding', 'Een advies komt niet in een dossier: alleen meldingen horen bij een huishouden.');
      const people = await contacts.persons(row.id);
      if (people.length === 0) throw new HouseholdError(400, 'no_persons', 'Deze melding heeft geen betrokkenen: voeg eerst de betrokkenen toe.');
      if (people.some((p) => p.household_id)) throw new HouseholdError(409, 'already_in_household', 'Deze melding hoort al bij een dossier.');
      const households = householdRepository(db);
      let householdId: string;
      const created = 'new' in req.body;
      if ('householdId' in req.body) {
        const household = await households.get(req.body.householdId);
        if (!household) throw recordNotFound('household', req.body.householdId, 'household.join');
        householdId = household.id;
      } else {
        householdId = await households.create(actor.regionCode, actor.userId);
        await audit({ action: 'household.create', recordType: 'household', recordId: householdId, regionCode: actor.regionCode });
      }
      await households.join(row.id, householdId);
      await audit({ action: 'household.join', recordType: 'household', recordId: householdId, regionCode: actor.regionCode, reason: `contact ${row.id}` });
      // A new signal on a household that Veilig Thuis monitors after a handover: flag those cases.
      if (!created) await households.flagMonitoring(householdId, row.id);
      return { householdId, created };
    }),
  );

  app.get('/api/households/:id', {
    config: { access: 'households:read' },
    schema: {
      summary: 'A household file: its meldingen, people and the repeat-report summary',
      tags: ['households'],
      params: z.object({ id: z.string().max(100) }),
      response: { 200: householdFile },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const households = householdRepository(db);
      const household = await households.get(req.params.id);
      if (!household) throw recordNotFound('household', req.params.id, 'household.read');
      const meldingen = await households.meldingen(household.id);
      const people = await households.people(household.id);
      await audit({ action: 'household.read', recordType: 'household', recordId: household.id, regionCode: household.region_code });
      for (const m of meldingen) await audit({ action: 'contact.list', recordType: 'contact', recordId: m.id, regionCode: household.region_code });
      const reporters = new Set(meldingen.map((m) => (m.reporter_name?.trim() ? `naam:${m.reporter_name.trim().toLowerCase()}` : `groep:${m.reporter_group}`)));
      return {
        id: household.id,
        regionCode: household.region_code,
        createdAt: new Date(household.created_at).toISOString(),
        summary: {
          meldingen: meldingen.length,
          firstReceivedAt: meldingen[0] ? new Date(meldingen[0].received_at).toISOString() : null,
          lastReceivedAt: meldingen.at(-1) ? new Date(meldingen.at(-1)!.received_at).toISOString() : null,
          distinctReporters: reporters.size,
          repeat: meldingen.length > 1,
        },
        meldingen: meldingen.map((m) => ({
          id: m.id,
          receivedAt: new Date(m.received_at).toISOString(),
          violenceType: m.violence_type as (typeof VIOLENCE_TYPES)[number] | null,
          reporterType: m.reporter_type as (typeof REPORTER_TYPES)[number],
          reporterGroup: m.reporter_group as (typeof REPORTER_GROUPS)[number],
          acute: m.acute,
        })),
        persons: people.map((p) => ({
          id: p.id,
          contactId: p.contact_id,
          role: p.role,
          name: p.name,
          birthDate: p.birth_date,
          address: [p.street, [p.postcode, p.place].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
        })),
      };
    }),
  );

  app.post('/api/households/lookup', {
    config: { access: 'households:lookup' },
    schema: {
      summary: 'National lookup: in which regions is this person known, since when (region and date only, no content)',
      tags: ['households'],
      body: lookupBody,
      response: {
        200: z.object({
          items: z.array(z.object({ regionCode: z.string(), regionName: z.string(), knownSince: z.string(), contact: z.string() })),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const rows = await householdRepository(db).lookup(req.body);
      // The kind of query and the number of regions; never the BSN or name asked about.
      await audit({ action: 'household.lookup', regionCode: actor.regionCode, reason: `${'bsn' in req.body ? 'bsn' : 'naam+geboortedatum'}; ${rows.length} regio's` });
      return {
        items: rows.map((r) => ({ regionCode: r.region_code, regionName: r.region_name, knownSince: amsterdamDate(new Date(r.known_since)), contact: `Veilig Thuis ${r.region_name}` })),
      };
    }),
  );
}
