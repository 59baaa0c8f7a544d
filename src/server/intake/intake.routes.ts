import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { ContactError } from '../contacts/contact.repository.ts';
import { HttpError } from '../errors.ts';
import { classificationYearFor } from '../regions/region.repository.ts';
import { findApiKey, type PartnerKey } from './api-key.ts';
import { amsterdamYear, bodyHash, regionOfMunicipality, submitContact } from './intake.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the partner routes' key check: the API key the request was made with. */
    partnerKey: PartnerKey | null;
  }
}

/** Required on every submission: the same key (and body) again answers the first result. */
const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});

const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string() }).loose();

const PHONE = /^\+?[0-9][0-9 ()-]{7,19}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const phoneOrEmail = z
  .string()
  .trim()
  .max(200)
  .refine((v) => PHONE.test(v) || EMAIL.test(v), { message: 'Vul een telefoonnummer of e-mailadres in' });

/**
 * A public form. Advies may be fully anonymous; own contact details only with explicit consent.
 * A melding needs the reporter's name and phone or e-mail, their relation to the family and the
 * type of violence.
 */
export const publicContact = z
  .strictObject({
    kind: z.enum(CONTACT_KINDS),
    municipalityCode: z.string().regex(/^GM\d{4}$/).nullable().default(null),
    reporterType: z.enum(['beroepsmatig', 'particulier']).nullable().default(null),
    violenceType: z.enum(VIOLENCE_TYPES).nullable().default(null),
    story: z.string().trim().min(1).max(4000),
    reporterName: z.string().trim().min(1).max(200).nullable().default(null),
    reporterContact: phoneOrEmail.nullable().default(null),
    consent: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'melding') {
      if (!c.reporterName) ctx.addIssue({ code: 'custom', path: ['reporterName'], message: 'Een melding heeft uw naam nodig' });
      if (!c.reporterContact) ctx.addIssue({ code: 'custom', path: ['reporterContact'], message: 'Een melding heeft uw telefoonnummer of e-mailadres nodig' });
      if (!c.reporterType) ctx.addIssue({ code: 'custom', path: ['reporterType'], message: 'Kies hoe u de familie kent' });
      if (!c.violenceType) ctx.addIssue({ code: 'custom', path: ['violenceType'], message: 'Kies wat er aan de hand is' });
    } else if ((c.reporterName || c.reporterContact) && !c.consent) {
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'Geef toestemming, of laat uw gegevens leeg' });
    }
  });

const isoWithOffset = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2020-03-01T10:00:00+01:00' });

/** The exchange-v1 fields a partner system sends, with the same rules (exchange.schema.ts). */
export const partnerContact = z
  .strictObject({
    kind: z.enum(CONTACT_KINDS),
    receivedAt: isoWithOffset,
    municipalityCode: z.string().regex(/^GM\d{4}$/, 'must be "GM" and 4 digits, or null').nullable().default(null),
    channel: z.enum(CHANNELS).optional(),
    reporter: z.strictObject({ type: z.enum(REPORTER_TYPES), group: z.enum(REPORTER_GROUPS).default('onbekend') }),
    violenceType: z.enum(VIOLENCE_TYPES).optional(),
    flags: z.array(z.enum(FLAGS)).max(FLAGS.length).default([]),
    summary: z.string().max(4000).default(''),
    acute: z.boolean().default(false),
  })
  .refine((l) => l.kind !== 'melding' || l.violenceType !== undefined, { message: 'required for a melding', path: ['violenceType'] });

const submitted = z.object({
  kind: z.enum(CONTACT_KINDS),
  /** Quote this on the phone: 8 characters without look-alikes. */
  reference: z.string(),
});

export interface IntakeOptions {
  config: Config;
  db: Db;
}

export async function intakeRoutes(fastify: FastifyInstance, opts: IntakeOptions): Promise<void> {
  const { db, config } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest('partnerKey', null);

  app.get('/api/public/municipalities', {
    config: { access: 'public' },
    schema: {
      summary: 'Municipalities of the current classification, for the public forms',
      tags: ['public'],
      response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) },
    },
  }, async (_req, reply) => {
    const year = await classificationYearFor(db, amsterdamYear(new Date()));
    const rows = await db
      .selectFrom('municipality_classification')
      .select(['municipality_code', 'municipality_name'])
      .where('year', '=', year)
      .execute();
    const collator = new Intl.Collator('nl');
    rows.sort((a, b) => collator.compare(a.municipality_name, b.municipality_name));
    // Public reference data that changes once a year at most.
    reply.header('cache-control', 'public, max-age=3600');
    return rows.map((r) => ({ code: r.municipality_code, name: r.municipality_name }));
  });

  app.post('/api/public/contacts', {
    config: {
      access: 'public',
      rateLimit: { max: config.intake.ratePerHour, timeWindow: '1 hour' },
    },
    schema: {
      summary: 'Ask for advice or make a report through the public web form (no account)',
      tags: ['public'],
      headers: idempotencyHeaders,
      body: publicContact,
      response: { 201: submitted, 422: errorSchema, 429: errorSchema },
    },
  }, async (req, reply) => {
    const b = req.body;
    const receivedAt = new Date();
    const result = await submitContact(db, {
      scope: 'public',
      idempotencyKey: req.headers['idempotency-key'],
      bodyHash: bodyHash(b),
      contact: async (trx) => {
        // The household's municipality decides the region; unknown or not given: national intake.
        const region = b.municipalityCode ? await regionOfMunicipality(trx, b.municipalityCode, amsterdamYear(receivedAt)) : null;
        const reporterType = b.reporterType ?? 'onbekend';
        return {
          kind: b.kind,
          receivedAt: receivedAt.toISOString(),
          regionCode: region ?? config.intake.nationalRegion,
          municipalityCode: region ? b.municipalityCode : null,
          channel: 'webformulier',
          reporterType,
          reporterGroup: reporterType === 'beroepsmatig' ? 'beroepsmatig-overig' : reporterType === 'particulier' ? 'burger' : 'onbekend',
          violenceType: b.violenceType,
          summary: b.story,
          acute: false,
          createdBy: null,
        };
      },
      extras: {
        reporterName: b.reporterName,
        reporterContact: b.reporterContact,
        // A melding is made by someone who identifies to Veilig Thuis; an advies only with consent.
        reporterConsent: b.kind === 'melding' ? true : b.reporterName || b.reporterContact ? b.consent : null,
        flags: [],
      },
      audit: {
        requestId: req.id,
        actorId: null,
        actorEmail: null,
        actorRole: 'public-form',
        actorOrganisationId: null,
        actorRegion: null,
        reason: b.kind,
      },
    });
    return reply.status(201).send({ kind: result.kind, reference: result.reference });
  });

  /**
   * Partner systems authenticate with `Authorization: Bearer <key>`, not with a session cookie.
   * The access plugin knows only sessions, so these routes declare access 'public' there and this
   * hook, run for them alone, is their real gate: unknown and revoked keys are refused (401) and
   * the refusal is audited. It runs at onRequest, before the body is parsed and validated, so a
   * caller without a valid key learns nothing about the format. A key is not a session either way:
   * it opens only these routes, never a cookie-protected one.
   */
  async function requirePartnerKey(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{8,200})$/.exec(header) : null;
    const key = match ? await findApiKey(db, match[1]!) : null;
    if (!key || key.revoked || key.scope !== 'contacts:submit') {
      await appendAudit(
        db,
        systemAuditEntry({
          requestId: req.id,
          actorRole: 'partner-system',
          actorOrganisationId: key?.organisationId ?? null,
          actorRegion: key?.organisationRegion ?? null,
          action: 'partner.access',
          recordType: key ? 'api_key' : null,
          recordId: key?.keyId ?? null,
          regionCode: key?.organisationRegion ?? null,
          outcome: 'denied',
          reason: !match ? 'no bearer key' : !key ? 'unknown key' : key.revoked ? 'revoked key' : 'key scope',
        }),
      ).catch((err: unknown) => req.log.error({ err }, 'could not audit a refused partner request'));
      throw new HttpError(401, 'unauthenticated', 'Geen geldige API-sleutel');
    }
    await db.updateTable('api_key').set({ last_used_at: new Date() }).where('id', '=', key.keyId).execute();
    req.partnerKey = key;
  }

  app.post('/api/partner/v1/contacts', {
    config: { access: 'public' },
    onRequest: requirePartnerKey,
    schema: {
      summary: 'Submit an advice request or report from a partner system (API key, Bearer)',
      description: 'Authenticated by `Authorization: Bearer <API key>` (scope contacts:submit), not by a session.',
      tags: ['partner'],
      headers: idempotencyHeaders,
      body: partnerContact,
      response: { 201: submitted.extend({ id: z.string(), regionCode: z.string() }), 401: errorSchema, 422: errorSchema },
    },
  }, async (req, reply) => {
    const key = req.partnerKey!;
    const b = req.body;
    const result = await submitContact(db, {
      scope: `org:${key.organisationId}`,
      idempotencyKey: req.headers['idempotency-key'],
      bodyHash: bodyHash(b),
      contact: async (trx) => {
        let regionCode = key.organisationRegion;
        if (b.municipalityCode) {
          const region = await regionOfMunicipality(trx, b.municipalityCode, amsterdamYear(new Date(b.receivedAt)));
          if (!region) throw new ContactError(400, 'unknown_municipality', `Onbekende gemeente: ${b.municipalityCode}`);
          regionCode = region;
        }
        return {
          kind: b.kind,
          receivedAt: b.receivedAt,
          regionCode,
          municipalityCode: b.municipalityCode,
          channel: b.channel ?? key.channel,
          reporterType: b.reporter.type,
          reporterGroup: b.reporter.group,
          violenceType: b.violenceType ?? null,
          summary: b.summary,
          acute: b.acute,
          createdBy: null,
        };
      },
      extras: { reporterName: null, reporterContact: null, reporterConsent: null, flags: b.flags },
      audit: {
        requestId: req.id,
        actorId: null,
        actorEmail: null,
        actorRole: 'partner-system',
        actorOrganisationId: key.organisationId,
        actorRegion: key.organisationRegion,
        reason: `${b.kind} via key ${key.prefix} (${key.organisationName})`,
      },
    });
    return reply.status(201).send({ id: result.contactId, kind: result.kind, reference: result.reference, regionCode: result.regionCode });
  });
}
