import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ScopedTx } from '../../db/scope.ts';
import { capacityRefusal, freePlaces, HOLD_OUTCOMES, holdUntil, PLACE_KINDS, type PlaceKind } from '../../domain/measures/shelter.ts';
import { AppError, isUuid, recordNotFound } from '../errors.ts';

export type ShelterErrorCode = 'not_a_shelter' | 'no_free_place' | 'hold_ended' | 'occupied_above_places' | 'negative';
export class ShelterError extends AppError<ShelterErrorCode> {}

const places = z.object({ places: z.number(), occupied: z.number(), held: z.number(), free: z.number() });
const shelterView = z.object({
  organisationId: z.string(),
  name: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  phone: z.string().nullable(),
  regulier: places,
  crisis: places,
  updatedAt: z.string(),
});
const holdView = z.object({
  id: z.string(),
  organisationId: z.string(),
  shelterName: z.string(),
  kind: z.enum(PLACE_KINDS),
  heldAt: z.string(),
  heldUntil: z.string(),
  heldBy: z.string().nullable(),
});

/** Every published shelter of every region with its free places (holds that still run count as taken). */
async function shelters(db: ScopedTx) {
  const rows = await db
    .selectFrom('shelter_capacity as s')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .innerJoin('region as r', 'r.code', 's.region_code')
    .select([
      's.organisation_id',
      'o.name',
      'o.phone',
      's.region_code',
      'r.name as region_name',
      's.regular_places',
      's.regular_occupied',
      's.crisis_places',
      's.crisis_occupied',
      's.updated_at',
      sql<number>`(select count(*)::int from shelter_hold h where h.organisation_id = s.organisation_id and h.kind = 'regulier' and h.ended_at is null and h.held_until > now())`.as('regular_held'),
      sql<number>`(select count(*)::int from shelter_hold h where h.organisation_id = s.organisation_id and h.kind = 'crisis' and h.ended_at is null and h.held_until > now())`.as('crisis_held'),
    ])
    .where('o.active', '=', true)
    .orderBy('r.name')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => {
    const kind = (p: number, o: number, h: number) => ({ places: p, occupied: o, held: h, free: freePlaces({ places: p, occupied: o, held: h }) });
    return {
      organisationId: r.organisation_id,
      name: r.name,
      region: { code: r.region_code, name: r.region_name },
      phone: r.phone,
      regulier: kind(r.regular_places, r.regular_occupied, r.regular_held),
      crisis: kind(r.crisis_places, r.crisis_occupied, r.crisis_held),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

/**
 * Shelter places across regions: shelters publish, the chain sees free places everywhere and holds
 * one for a few hours; searches that found no place are counted. Numbers only, never a person.
 */
export async function shelterRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/shelters', {
    config: { access: 'shelter:read' },
    schema: { summary: 'Free shelter places of every region', tags: ['shelters'], response: { 200: z.object({ items: z.array(shelterView) }) } },
  }, async (req) => req.scoped(async ({ db }) => ({ items: await shelters(db) })));

  app.put('/api/shelters/mine', {
    config: { access: 'shelter:update' },
    schema: {
      summary: 'Shelter staff: publish the places and occupancy of the own shelter',
      tags: ['shelters'],
      body: z
        .object({
          regularPlaces: z.number().int().min(0).max(1000),
          regularOccupied: z.number().int().min(0).max(1000),
          crisisPlaces: z.number().int().min(0).max(1000),
          crisisOccupied: z.number().int().min(0).max(1000),
        })
        .strict(),
      response: { 200: shelterView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const org = await db.selectFrom('organisation').select(['id', 'partner_type', 'region_code']).where('id', '=', actor.organisationId).executeTakeFirst();
      // Only an organisation that is a women's shelter publishes places, whatever the role says.
      if (!org || org.partner_type !== 'vrouwenopvang') throw new ShelterError(403, 'not_a_shelter', 'Uw organisatie is geen vrouwenopvang');
      const b = req.body;
      const why = capacityRefusal(b.regularPlaces, b.regularOccupied) ?? capacityRefusal(b.crisisPlaces, b.crisisOccupied);
      if (why) throw new ShelterError(400, why, 'Er kunnen niet meer plekken bezet zijn dan er zijn');
      const values = { regular_places: b.regularPlaces, regular_occupied: b.regularOccupied, crisis_places: b.crisisPlaces, crisis_occupied: b.crisisOccupied };
      const now = new Date();
      await db
        .insertInto('shelter_capacity')
        .values({ organisation_id: org.id, region_code: org.region_code, ...values, updated_at: now, updated_by: actor.userId })
        .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...values, updated_at: now, updated_by: actor.userId }))
        .execute();
      await db.insertInto('shelter_capacity_log').values({ organisation_id: org.id, region_code: org.region_code, ...values }).execute();
      await audit({ action: 'shelter.update', recordType: 'organisation', recordId: org.id, regionCode: org.region_code });
      return (await shelters(db)).find((s) => s.organisationId === org.id)!;
    }),
  );

  app.get('/api/shelter-holds', {
    config: { access: 'shelter:hold' },
    schema: { summary: 'The running holds of the own region', tags: ['shelters'], response: { 200: z.object({ items: z.array(holdView) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const rows = await db
        .selectFrom('shelter_hold as h')
        .innerJoin('organisation as o', 'o.id', 'h.organisation_id')
        .leftJoin('staff_user as u', 'u.id', 'h.held_by')
        .select(['h.id', 'h.organisation_id', 'o.name', 'h.kind', 'h.held_at', 'h.held_until', 'u.display_name'])
        .where('h.held_by_region', '=', actor.regionCode)
        .where('h.ended_at', 'is', null)
        .where('h.held_until', '>', new Date())
        .orderBy('h.held_until')
        .execute();
      return { items: rows.map((h) => ({ id: h.id, organisationId: h.organisation_id, shelterName: h.name, kind: h.kind as PlaceKind, heldAt: new Date(h.held_at).toISOString(), heldUntil: new Date(h.held_until).toISOString(), heldBy: h.display_name })) };
    }),
  );

  app.post('/api/shelters/:organisationId/holds', {
    config: { access: 'shelter:hold' },
    schema: {
      summary: 'Hold a free place of a shelter (any region) for 4 hours while a victim travels',
      tags: ['shelters'],
      params: z.object({ organisationId: z.string().max(100) }),
      body: z.object({ kind: z.enum(PLACE_KINDS) }).strict(),
      response: { 201: holdView },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const orgId = req.params.organisationId;
      if (!isUuid(orgId)) throw recordNotFound('organisation', orgId, 'shelter.hold');
      // One hold at a time per shelter, so two workers cannot take the same last place.
      await sql`select pg_advisory_xact_lock(hashtext(${'shelter:' + orgId}))`.execute(db);
      const shelter = (await shelters(db)).find((s) => s.organisationId === orgId);
      if (!shelter) throw recordNotFound('organisation', orgId, 'shelter.hold');
      const kind = req.body.kind;
      if (shelter[kind].free < 1) {
        throw new ShelterError(409, 'no_free_place', 'Deze opvang heeft nu geen vrije plek van deze soort', undefined, { action: 'shelter.hold', recordType: 'organisation', recordId: orgId, reason: 'no_free_place' });
      }
      const now = new Date();
      const hold = await db
        .insertInto('shelter_hold')
        .values({ organisation_id: orgId, kind, held_by: actor.userId, held_by_region: actor.regionCode, held_at: now, held_until: holdUntil(now) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db.insertInto('shelter_request').values({ region_code: actor.regionCode, kind, found: true, by_user: actor.userId }).execute();
      await audit({ action: 'shelter.hold', recordType: 'shelter_hold', recordId: hold.id, regionCode: actor.regionCode, reason: `${kind} ${shelter.region.code}` });
      reply.status(201);
      return { id: hold.id, organisationId: orgId, shelterName: shelter.name, kind, heldAt: now.toISOString(), heldUntil: new Date(hold.held_until).toISOString(), heldBy: actor.displayName };
    }),
  );

  app.post('/api/shelter-holds/:id/end', {
    config: { access: 'shelter:hold' },
    schema: {
      summary: 'End a hold: the victim arrived, or the place is released',
      tags: ['shelters'],
      params: z.object({ id: z.string().max(100) }),
      body: z.object({ outcome: z.enum(HOLD_OUTCOMES) }).strict(),
      response: { 200: z.object({ id: z.string(), outcome: z.enum(HOLD_OUTCOMES) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      const hold = isUuid(id) ? await db.selectFrom('shelter_hold').selectAll().where('id', '=', id).where('held_by_region', '=', actor.regionCode).executeTakeFirst() : undefined;
      if (!hold) throw recordNotFound('shelter_hold', id, 'shelter.hold.end');
      if (hold.ended_at) throw new ShelterError(409, 'hold_ended', 'Deze plek is al vrijgegeven of gebruikt');
      await db.updateTable('shelter_hold').set({ ended_at: new Date(), outcome: req.body.outcome }).where('id', '=', id).execute();
      await audit({ action: 'shelter.hold.end', recordType: 'shelter_hold', recordId: id, regionCode: actor.regionCode, reason: req.body.outcome });
      return { id, outcome: req.body.outcome };
    }),
  );

  app.post('/api/shelters/no-place', {
    config: { access: 'shelter:hold' },
    schema: {
      summary: 'Record a search for a shelter place that found none (for the figures)',
      tags: ['shelters'],
      body: z.object({ kind: z.enum(PLACE_KINDS) }).strict(),
      response: { 201: z.object({ recorded: z.literal(true) }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      await db.insertInto('shelter_request').values({ region_code: actor.regionCode, kind: req.body.kind, found: false, by_user: actor.userId }).execute();
      await audit({ action: 'shelter.no_place', recordType: 'region', recordId: actor.regionCode, regionCode: actor.regionCode, reason: req.body.kind });
      reply.status(201);
      return { recorded: true as const };
    }),
  );

  app.get('/api/shelters/figures', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Occupancy of the shelters per region now, and searches with and without a place per month of a year',
      tags: ['shelters'],
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: {
        200: z.object({
          occupancy: z.array(z.object({ regionCode: z.string(), places: z.number(), occupied: z.number() })),
          requests: z.array(z.object({ regionCode: z.string(), month: z.string(), total: z.number(), withoutPlace: z.number() })),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db }) => {
      const occupancy = await sql<{ region_code: string; places: number; occupied: number }>`
        select region_code, sum(regular_places + crisis_places)::int as places, sum(regular_occupied + crisis_occupied)::int as occupied
        from shelter_capacity group by region_code order by region_code`.execute(db);
      const requests = await sql<{ region_code: string; month: string; total: number; without_place: number }>`
        select region_code, to_char(at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month, count(*)::int as total, count(*) filter (where not found)::int as without_place
        from shelter_request where extract(year from at at time zone 'Europe/Amsterdam') = ${req.query.year}
        group by 1, 2 order by 1, 2`.execute(db);
      return {
        occupancy: occupancy.rows.map((r) => ({ regionCode: r.region_code, places: r.places, occupied: r.occupied })),
        requests: requests.rows.map((r) => ({ regionCode: r.region_code, month: r.month, total: r.total, withoutPlace: r.without_place })),
      };
    }),
  );
}
