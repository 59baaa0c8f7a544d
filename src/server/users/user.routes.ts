import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ROLES } from '../../domain/access/permissions.ts';
import { generateOneTimePassword, resetCodeHash } from '../auth/password.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { createStaffUser, UserError } from './user.service.ts';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  region: z.object({ code: z.string(), name: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});

export async function userRoutes(fastify: FastifyInstance, _opts: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/users', {
    config: { access: 'users:manage' },
    schema: { summary: 'Staff accounts of the own region', tags: ['users'], response: { 200: z.object({ items: z.array(userView) }) } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const rows = await db
        .selectFrom('staff_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
        .innerJoin('region as r', 'r.code', 'u.region_code')
        .select(['u.id', 'u.email', 'u.display_name', 'u.role', 'u.region_code', 'r.name as region_name', 'o.id as org_id', 'o.name as org_name', 'u.totp_enabled', 'u.locked_until', 'u.created_at'])
        // Row-level security already limits this to the own region; the filter states intent.
        .where('u.region_code', '=', actor.regionCode)
        .orderBy('u.display_name')
        .execute();
      await audit({ action: 'staff_user.list', recordType: 'staff_user', regionCode: actor.regionCode, reason: `${rows.length} accounts` });
      return {
        items: rows.map((r) => ({
          id: r.id,
          email: r.email,
          displayName: r.display_name,
          role: r.role as (typeof ROLES)[number],
          region: { code: r.region_code, name: r.region_name },
          organisation: { id: r.org_id, name: r.org_name },
          totpEnabled: r.totp_enabled,
          lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
          createdAt: new Date(r.created_at).toISOString(),
        })),
      };
    }),
  );

  app.post('/api/users', {
    config: { access: 'users:manage' },
    schema: {
      summary: 'Create a staff account in the own region; answers a one-time password',
      tags: ['users'],
      body: z.object({
        email: z.email().max(254),
        displayName: z.string().trim().min(1).max(200),
        role: z.enum(ROLES),
        regionCode: z.string().max(20),
        /** For a partner account: the partner organisation of the region's directory it works for. */
        organisationId: z.uuid().optional(),
      }),
      response: { 201: z.object({ user: userView, oneTimePassword: z.string() }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      // An admin manages accounts of the own region only (row-level security enforces it too).
      if (req.body.regionCode !== actor.regionCode) {
        throw new UserError(403, 'unknown_region', 'U kunt alleen accounts in uw eigen regio aanmaken');
      }
      // Veilig Thuis colleagues join the admin's own organisation. A partner account belongs to a
      // partner organisation of the region's directory: it will see exactly what is handed over to
      // that organisation, so it must be named, and cannot be a Veilig Thuis organisation.
      let organisationId = actor.organisationId;
      if (req.body.role === 'partner' || req.body.role === 'opvang') {
        let q = db.selectFrom('organisation').select('id').where('kind', '=', 'partner').where('region_code', '=', actor.regionCode);
        // Shelter staff publish a shelter's places: their organisation must be a women's shelter.
        if (req.body.role === 'opvang') q = q.where('partner_type', '=', 'vrouwenopvang');
        const org = req.body.organisationId ? await q.where('id', '=', req.body.organisationId).executeTakeFirst() : undefined;
        if (!org) throw new UserError(400, 'no_organisation', 'Kies de ketenpartner (organisatie) waarvoor dit account werkt');
        organisationId = org.id;
      } else if (req.body.organisationId) {
        throw new UserError(400, 'no_organisation', 'Alleen een account van een ketenpartner hoort bij een andere organisatie');
      }
      const { user, oneTimePassword } = await createStaffUser(db, { ...req.body, organisationId });
      await audit({ action: 'staff_user.create', recordType: 'staff_user', recordId: user.id, regionCode: user.region_code, reason: `role ${user.role}` });
      const org = await db.selectFrom('organisation').select(['id', 'name']).where('id', '=', user.organisation_id).executeTakeFirstOrThrow();
      const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', user.region_code).executeTakeFirstOrThrow();
      // Status only: the body goes out when the transaction has committed (see req.scoped).
      reply.status(201);
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          role: user.role as (typeof ROLES)[number],
          region,
          organisation: org,
          totpEnabled: user.totp_enabled,
          lockedUntil: null,
          createdAt: new Date(user.created_at).toISOString(),
        },
        oneTimePassword,
      };
    }),
  );

  const userParams = z.object({ id: z.string().max(100) });

  app.post('/api/users/:id/sessions/end', {
    config: { access: 'users:manage' },
    schema: { summary: 'End every session of an account of the own region (lost device, suspected misuse)', tags: ['users'], params: userParams, response: { 200: z.object({ ended: z.number() }) } },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('staff_user', id, 'staff_user.sessions_end');
      // The function checks permission and region itself (migration 0019).
      const r = await sql<{ n: number }>`select signaal_end_user_sessions(${id}::uuid) as n`.execute(db);
      const n = Number(r.rows[0]?.n ?? -1);
      if (n < 0) throw recordNotFound('staff_user', id, 'staff_user.sessions_end');
      await audit({ action: 'staff_user.sessions_end', recordType: 'staff_user', recordId: id, reason: `${n} sessions` });
      return { ended: n };
    }),
  );

  app.post('/api/users/:id/password-reset', {
    config: { access: 'users:manage' },
    schema: {
      summary: 'Issue a one-time password reset code for an account of the own region: shown once, valid one hour',
      tags: ['users'],
      params: userParams,
      response: { 201: z.object({ code: z.string(), expiresAt: z.string() }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      if (!isUuid(id)) throw recordNotFound('staff_user', id, 'staff_user.password_reset');
      const code = generateOneTimePassword();
      // Only the hash is stored: a leaked table yields no usable code.
      const r = await sql<{ expires: Date | null }>`select signaal_issue_password_reset(${id}::uuid, ${resetCodeHash(code)}) as expires`.execute(db);
      const expires = r.rows[0]?.expires;
      if (!expires) throw recordNotFound('staff_user', id, 'staff_user.password_reset');
      await audit({ action: 'staff_user.password_reset', recordType: 'staff_user', recordId: id });
      reply.status(201);
      return { code, expiresAt: new Date(expires).toISOString() };
    }),
  );
}
