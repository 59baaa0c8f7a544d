import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PARTNER_TYPES } from '../../domain/cases/workflow.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { PartnerError } from './partner.repository.ts';

const organisationView = z.object({
  id: z.string(),
  name: z.string(),
  partnerType: z.enum(PARTNER_TYPES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  accounts: z.number(),
});

const fields = z
  .object({
    name: z.string().trim().min(2).max(200),
    partnerType: z.enum(PARTNER_TYPES),
    phone: z.string().trim().max(50).nullable().default(null),
    email: z.email().max(200).nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();

/** The directory of partner organisations of a region, kept by its administrator (partners:manage). */
export async function partnerOrganisationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/partner-organisations', {
    config: { access: 'partners:manage' },
    schema: { summary: 'The partner organisations of the own region, with their number of accounts', tags: ['partners'], response: { 200: z.object({ items: z.array(organisationView) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => {
      const rows = await db
        .selectFrom('organisation as o')
        .select(['o.id', 'o.name', 'o.partner_type', 'o.phone', 'o.email', 'o.active', (eb) => eb.selectFrom('staff_user as u').select((e) => e.fn.countAll<number>().as('n')).whereRef('u.organisation_id', '=', 'o.id').as('accounts')])
        .where('o.kind', '=', 'partner')
        .where('o.region_code', '=', actor.regionCode)
        .orderBy('o.name')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.name, partnerType: r.partner_type ?? 'overig', phone: r.phone, email: r.email, active: r.active, accounts: Number(r.accounts ?? 0) })) };
    }),
  );

  app.post('/api/partner-organisations', {
    config: { access: 'partners:manage' },
    schema: { summary: 'Add a partner organisation to the own region’s directory', tags: ['partners'], body: fields, response: { 201: organisationView } },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const taken = await db.selectFrom('organisation').select('id').where('name', '=', req.body.name).where('region_code', '=', actor.regionCode).executeTakeFirst();
      if (taken) throw new PartnerError(409, 'name_taken', 'Er is al een organisatie met deze naam in uw regio');
      const row = await db
        .insertInto('organisation')
        .values({ name: req.body.name, kind: 'partner', partner_type: req.body.partnerType, phone: req.body.phone, email: req.body.email, active: req.body.active, region_code: actor.regionCode })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await audit({ action: 'organisation.create', recordType: 'organisation', recordId: row.id, regionCode: actor.regionCode, reason: req.body.partnerType });
      reply.status(201);
      return { id: row.id, ...req.body, accounts: 0 };
    }),
  );

  app.put('/api/partner-organisations/:id', {
    config: { access: 'partners:manage' },
    schema: { summary: 'Change a partner organisation of the own region (or mark it inactive)', tags: ['partners'], params: z.object({ id: z.string().max(100) }), body: fields, response: { 200: organisationView } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      const existing = isUuid(id)
        ? await db.selectFrom('organisation').select(['id']).where('id', '=', id).where('kind', '=', 'partner').where('region_code', '=', actor.regionCode).executeTakeFirst()
        : undefined;
      if (!existing) throw recordNotFound('organisation', id, 'organisation.update');
      const taken = await db.selectFrom('organisation').select('id').where('name', '=', req.body.name).where('region_code', '=', actor.regionCode).where('id', '!=', id).executeTakeFirst();
      if (taken) throw new PartnerError(409, 'name_taken', 'Er is al een organisatie met deze naam in uw regio');
      await db
        .updateTable('organisation')
        .set({ name: req.body.name, partner_type: req.body.partnerType, phone: req.body.phone, email: req.body.email, active: req.body.active })
        .where('id', '=', id)
        .execute();
      await audit({ action: 'organisation.update', recordType: 'organisation', recordId: id, regionCode: actor.regionCode, reason: req.body.active ? req.body.partnerType : 'inactive' });
      const accounts = await db.selectFrom('staff_user').select((e) => e.fn.countAll<number>().as('n')).where('organisation_id', '=', id).executeTakeFirstOrThrow();
      return { id, ...req.body, accounts: Number(accounts.n) };
    }),
  );
}
