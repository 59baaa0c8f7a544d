import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.ts';

export type ChildcareErrorCode = 'not_registering_organisation' | 'unknown_municipality' | 'not_a_monday';
export class ChildcareError extends AppError<ChildcareErrorCode> {}

const REGISTERING_TYPES = ['school', 'kinderopvang', 'gemeente'];

/** Whether a YYYY-MM-DD date is a Monday (the start of an ISO week). */
function isMonday(date: string): boolean {
  return new Date(`${date}T12:00:00Z`).getUTCDay() === 1;
}

const countView = z.object({ week: z.string(), municipalityCode: z.string(), municipalityName: z.string().nullable(), children: z.number(), registeredAt: z.string() });

/**
 * Emergency childcare (noodopvang): schools, childcare centres and municipalities register per week
 * how many children from vulnerable families they take in, per municipality; figures readers get the
 * weekly monitor per municipality. Counts only, never a name.
 */
export async function childcareRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const name = sql<string | null>`(select m.municipality_name from municipality_classification m where m.municipality_code = c.municipality_code order by m.year desc limit 1)`;

  app.get('/api/emergency-childcare/mine', {
    config: { access: 'childcare:register' },
    schema: { summary: 'The own organisation’s emergency childcare counts, newest week first', tags: ['childcare'], response: { 200: z.object({ items: z.array(countView) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const rows = await db
        .selectFrom('emergency_childcare_count as c')
        .select(['c.week', 'c.municipality_code', 'c.children', 'c.registered_at', name.as('municipality_name')])
        .where('c.organisation_id', '=', actor.organisationId)
        .orderBy('c.week', 'desc')
        .limit(200)
        .execute();
      return { items: rows.map((r) => ({ week: r.week, municipalityCode: r.municipality_code, municipalityName: r.municipality_name, children: r.children, registeredAt: new Date(r.registered_at).toISOString() })) };
    }),
  );

  app.put('/api/emergency-childcare', {
    config: { access: 'childcare:register' },
    schema: {
      summary: 'Register (or correct) the number of children in emergency childcare for a week and municipality',
      tags: ['childcare'],
      body: z.object({ municipalityCode: z.string().regex(/^GM\d{4}$/), week: z.iso.date(), children: z.number().int().min(0).max(10000) }).strict(),
      response: { 200: countView },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const org = await db.selectFrom('organisation').select(['id', 'partner_type']).where('id', '=', actor.organisationId).executeTakeFirst();
      // Only schools, childcare centres and municipalities register (row-level security checks it too).
      if (!org?.partner_type || !REGISTERING_TYPES.includes(org.partner_type)) {
        throw new ChildcareError(403, 'not_registering_organisation', 'Alleen scholen, kinderopvang en gemeenten geven noodopvang door');
      }
      if (!isMonday(req.body.week)) throw new ChildcareError(400, 'not_a_monday', 'Geef de maandag van de week op');
      const muni = await db
        .selectFrom('municipality_classification')
        .select(['municipality_code', 'municipality_name', 'region_code'])
        .where('municipality_code', '=', req.body.municipalityCode)
        .orderBy('year', 'desc')
        .executeTakeFirst();
      if (!muni) throw new ChildcareError(400, 'unknown_municipality', `Onbekende gemeente: ${req.body.municipalityCode}`);
      const now = new Date();
      const row = await db
        .insertInto('emergency_childcare_count')
        .values({ organisation_id: org.id, municipality_code: muni.municipality_code, region_code: muni.region_code, week: req.body.week, children: req.body.children, registered_by: actor.userId, registered_at: now })
        .onConflict((oc) => oc.columns(['organisation_id', 'municipality_code', 'week']).doUpdateSet({ children: req.body.children, registered_by: actor.userId, registered_at: now }))
        .returning(['week', 'children', 'registered_at'])
        .executeTakeFirstOrThrow();
      await audit({ action: 'childcare.register', recordType: 'organisation', recordId: org.id, regionCode: muni.region_code, reason: `${muni.municipality_code} ${req.body.week}` });
      return { week: row.week, municipalityCode: muni.municipality_code, municipalityName: muni.municipality_name, children: row.children, registeredAt: new Date(row.registered_at).toISOString() };
    }),
  );

  app.get('/api/emergency-childcare/weekly', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Weekly monitor: children in emergency childcare per municipality and week (counts only)',
      tags: ['childcare'],
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
      response: { 200: z.object({ items: z.array(z.object({ week: z.string(), municipalityCode: z.string(), municipalityName: z.string().nullable(), regionCode: z.string(), children: z.number(), locations: z.number() })) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db }) => {
      const rows = await db
        .selectFrom('emergency_childcare_count as c')
        .select(['c.week', 'c.municipality_code', 'c.region_code', name.as('municipality_name'), sql<number>`sum(c.children)::int`.as('children'), sql<number>`count(*)::int`.as('locations')])
        .where('c.week', '>=', req.query.from)
        .where('c.week', '<=', req.query.to)
        .groupBy(['c.week', 'c.municipality_code', 'c.region_code'])
        .orderBy('c.week', 'desc')
        .orderBy('c.municipality_code')
        .execute();
      return { items: rows.map((r) => ({ week: r.week, municipalityCode: r.municipality_code, municipalityName: r.municipality_name, regionCode: r.region_code, children: r.children, locations: r.locations })) };
    }),
  );
}
