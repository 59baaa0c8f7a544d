import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNELS, CONTACT_KINDS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { recordNotFound } from '../errors.ts';
import { contactRepository, type ContactRow } from './contact.repository.ts';
import { registerContact } from './contact.service.ts';

const contactView = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  receivedAt: z.string(),
  regionCode: z.string(),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  channel: z.enum(CHANNELS),
  reporterType: z.enum(REPORTER_TYPES),
  reporterGroup: z.enum(REPORTER_GROUPS),
  violenceType: z.enum(VIOLENCE_TYPES).nullable(),
  summary: z.string(),
  acute: z.boolean(),
  createdAt: z.string(),
  createdBy: z.object({ displayName: z.string() }).nullable(),
});

const newContact = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    receivedAt: z.iso.datetime({ offset: true }),
    municipalityCode: z.string().regex(/^GM\d{4}$/).nullable().default(null),
    channel: z.enum(CHANNELS).default('overig'),
    reporterType: z.enum(REPORTER_TYPES),
    reporterGroup: z.enum(REPORTER_GROUPS).default('onbekend'),
    violenceType: z.enum(VIOLENCE_TYPES).nullable().default(null),
    summary: z.string().max(4000).default(''),
    /** Acute: the safety assessment is due now, not within 5 working days. */
    acute: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.kind === 'advies' || c.violenceType !== null, { message: 'Een melding heeft een geweldsvorm', path: ['violenceType'] });

function view(r: ContactRow) {
  return {
    id: r.id,
    kind: r.kind,
    receivedAt: new Date(r.received_at).toISOString(),
    regionCode: r.region_code,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    channel: r.channel as (typeof CHANNELS)[number],
    reporterType: r.reporter_type as (typeof REPORTER_TYPES)[number],
    reporterGroup: r.reporter_group as (typeof REPORTER_GROUPS)[number],
    violenceType: r.violence_type as (typeof VIOLENCE_TYPES)[number] | null,
    summary: r.summary,
    acute: r.acute,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name ? { displayName: r.created_by_name } : null,
  };
}

export async function contactRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/contacts', {
    config: { access: 'contacts:read' },
    schema: {
      summary: 'Advice requests and reports of the own region, newest first',
      tags: ['contacts'],
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(contactView) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const rows = await contactRepository(db).list(req.query.limit);
      // Every record shown is a read of a person's data: one entry per record.
      for (const r of rows) await audit({ action: 'contact.list', recordType: 'contact', recordId: r.id, regionCode: r.region_code });
      return { items: rows.map(view) };
    }),
  );

  app.get('/api/contacts/:id', {
    config: { access: 'contacts:read' },
    schema: {
      summary: 'One advice request or report',
      tags: ['contacts'],
      params: z.object({ id: z.string().max(100) }),
      response: { 200: contactView },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const row = await contactRepository(db).get(req.params.id);
      if (!row) throw recordNotFound('contact', req.params.id, 'contact.read');
      await audit({ action: 'contact.read', recordType: 'contact', recordId: row.id, regionCode: row.region_code });
      return view(row);
    }),
  );

  app.post('/api/contacts', {
    config: { access: 'contacts:create' },
    schema: {
      summary: 'Register an advice request or report in the own region',
      tags: ['contacts'],
      body: newContact,
      response: { 201: contactView },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = await registerContact(db, { ...req.body, regionCode: actor.regionCode, createdBy: actor.userId });
      await audit({ action: 'contact.create', recordType: 'contact', recordId: id, regionCode: actor.regionCode, reason: req.body.kind });
      const row = await contactRepository(db).get(id);
      return reply.status(201).send(view(row!));
    }),
  );
}
