import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNELS } from '../../domain/contacts/vocabulary.ts';
import { recordNotFound } from '../errors.ts';
import { newApiKey } from './api-key.ts';

const keyView = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  name: z.string(),
  prefix: z.string(),
  scope: z.literal('contacts:submit'),
  channel: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * API keys of partner organisations (police, ...) in the admin's own region. Row-level security
 * (migration 0005) limits every query to keys of organisations in the actor's region.
 */
export async function apiKeyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/api-keys', {
    config: { access: 'apikeys:manage' },
    schema: {
      summary: 'API keys of the partner organisations of the own region, and those organisations',
      tags: ['api-keys'],
      response: {
        200: z.object({ items: z.array(keyView), organisations: z.array(z.object({ id: z.string(), name: z.string() })) }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const rows = await db
        .selectFrom('api_key as k')
        .innerJoin('organisation as o', 'o.id', 'k.organisation_id')
        .select(['k.id', 'k.organisation_id', 'o.name as organisation_name', 'k.name', 'k.prefix', 'k.scope', 'k.channel', 'k.created_at', 'k.revoked_at', 'k.last_used_at'])
        .orderBy('k.created_at', 'desc')
        .execute();
      const organisations = await db
        .selectFrom('organisation')
        .select(['id', 'name'])
        .where('region_code', '=', actor.regionCode)
        .where('kind', '=', 'partner')
        .orderBy('name')
        .execute();
      await audit({ action: 'apikey.list', recordType: 'api_key', regionCode: actor.regionCode });
      return {
        items: rows.map((r) => ({
          id: r.id,
          organisationId: r.organisation_id,
          organisationName: r.organisation_name,
          name: r.name,
          prefix: r.prefix,
          scope: r.scope,
          channel: r.channel,
          createdAt: new Date(r.created_at).toISOString(),
          revokedAt: iso(r.revoked_at),
          lastUsedAt: iso(r.last_used_at),
        })),
        organisations,
      };
    }),
  );

  app.post('/api/api-keys', {
    config: { access: 'apikeys:manage' },
    schema: {
      summary: 'Create an API key for a partner organisation of the own region; the key is shown once',
      tags: ['api-keys'],
      body: z.strictObject({
        organisationId: z.uuid(),
        name: z.string().trim().min(1).max(100),
        /** The channel of submissions that name none; politie for the police. */
        channel: z.enum(CHANNELS).default('politie'),
      }),
      response: { 201: z.object({ id: z.string(), prefix: z.string(), key: z.string() }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const org = await db
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', req.body.organisationId)
        .where('region_code', '=', actor.regionCode)
        .where('kind', '=', 'partner')
        .executeTakeFirst();
      if (!org) throw recordNotFound('organisation', req.body.organisationId, 'apikey.create');
      const { key, prefix, hash } = newApiKey();
      const row = await db
        .insertInto('api_key')
        .values({ organisation_id: org.id, name: req.body.name, prefix, secret_hash: hash, scope: 'contacts:submit', channel: req.body.channel, created_by: actor.userId, revoked_at: null, last_used_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit({ action: 'apikey.create', recordType: 'api_key', recordId: row.id, regionCode: actor.regionCode, reason: `organisation ${org.id}` });
      // Status only: the body goes out when the transaction has committed (see req.scoped).
      reply.status(201);
      return { id: row.id, prefix, key };
    }),
  );

  app.post('/api/api-keys/:id/revoke', {
    config: { access: 'apikeys:manage' },
    schema: {
      summary: 'Revoke an API key: it is refused from now on',
      tags: ['api-keys'],
      params: z.object({ id: z.string().max(100) }),
      response: { 200: z.object({ id: z.string(), revokedAt: z.string() }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(req.params.id);
      const row = valid
        ? await db
            .updateTable('api_key')
            .set({ revoked_at: new Date() })
            .where('id', '=', req.params.id)
            .where('revoked_at', 'is', null)
            .returning(['id', 'revoked_at'])
            .executeTakeFirst()
        : undefined;
      if (!row?.revoked_at) throw recordNotFound('api_key', req.params.id, 'apikey.revoke');
      await audit({ action: 'apikey.revoke', recordType: 'api_key', recordId: row.id, regionCode: actor.regionCode });
      return { id: row.id, revokedAt: new Date(row.revoked_at).toISOString() };
    }),
  );
}
