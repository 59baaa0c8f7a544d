import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { transaction } from '../../db/scope.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { CODEWORD_PATHS, codewordAction } from '../../domain/meldcode/codeword.ts';
import { SECTOR_CONTENT, SECTORS } from '../../domain/meldcode/sectors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { systemAuditEntry } from '../audit/audit-chain.ts';
import { isUuid, recordNotFound } from '../errors.ts';
import { bodyHash, submitContact } from '../intake/intake.service.ts';
import { dossierPdf } from './meldcode.pdf.ts';
import { dossierContent, outcomeSchema } from './meldcode.schema.ts';
import { checkDossier, countingRegion, countUsage, isStalled, recordCodewordUse, USAGE_EVENTS } from './meldcode.service.ts';

const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});
const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string() }).loose();
const municipality = z.string().regex(/^GM\d{4}$/).nullable().default(null);
const PHONE = /^\+?[0-9][0-9 ()-]{7,19}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const phoneOrEmail = z.string().trim().max(200).refine((v) => PHONE.test(v) || EMAIL.test(v), { message: 'Vul een telefoonnummer of e-mailadres in' });

/**
 * What the professional sends to Veilig Thuis from the meldcode tool. An advies names no client
 * (there is no field for one) and the professional's own details only with consent; a melding
 * identifies the reporter, who is a professional by definition here.
 */
const meldcodeContact = z
  .strictObject({
    kind: z.enum(['advies', 'melding']),
    sector: z.enum(SECTORS),
    municipalityCode: municipality,
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
      if (!c.violenceType) ctx.addIssue({ code: 'custom', path: ['violenceType'], message: 'Kies wat er aan de hand is' });
    } else if ((c.reporterName || c.reporterContact) && !c.consent) {
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'Geef toestemming, of laat uw gegevens leeg' });
    }
  });

const dossierView = z.object({
  id: z.string(),
  title: z.string(),
  sector: z.enum(SECTORS),
  step: z.number().int(),
  outcome: outcomeSchema,
  createdBy: z.object({ id: z.string(), name: z.string().nullable() }),
  own: z.boolean(),
  stalled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const dossierDetail = dossierView.extend({ content: dossierContent });
const dossierWrite = z.strictObject({ title: z.string().trim().min(1).max(100), content: dossierContent });

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export interface MeldcodeOptions {
  config: Config;
  db: Db;
}

/**
 * The meldcode tool (issue 6, ADR 0007): public routes for any professional (no account, no
 * session: submissions run as owner like the public forms, the region derived from the
 * municipality on the server), organisation dossiers scoped by row-level security, and counts.
 */
export async function meldcodeRoutes(fastify: FastifyInstance, opts: MeldcodeOptions): Promise<void> {
  const { db, config } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/public/meldcode/contacts', {
    config: { access: 'public', rateLimit: { max: config.intake.ratePerHour, timeWindow: '1 hour' } },
    schema: {
      summary: 'Ask Veilig Thuis for advice (anonymous) or make a melding from the meldcode tool',
      tags: ['public', 'meldcode'],
      headers: idempotencyHeaders,
      body: meldcodeContact,
      response: { 201: z.object({ kind: z.enum(['advies', 'melding']), reference: z.string() }), 422: errorSchema, 429: errorSchema },
    },
  }, async (req, reply) => {
    const b = req.body;
    const receivedAt = new Date();
    const result = await submitContact(db, {
      scope: 'meldcode',
      idempotencyKey: req.headers['idempotency-key'],
      bodyHash: bodyHash(b),
      contact: async (trx) => {
        const region = await countingRegion(trx, b.municipalityCode, receivedAt);
        // Counted here, inside the claim of the idempotency key, so a retry is not counted twice.
        await countUsage(trx, { at: receivedAt, regionCode: region, sector: b.sector, event: b.kind === 'advies' ? 'advies-gevraagd' : 'uitkomst-melding' });
        const known = region !== 'onbekend';
        return {
          kind: b.kind,
          receivedAt: receivedAt.toISOString(),
          regionCode: known ? region : config.intake.nationalRegion,
          municipalityCode: known ? b.municipalityCode : null,
          channel: 'meldcode',
          reporterType: 'beroepsmatig',
          reporterGroup: SECTOR_CONTENT[b.sector].reporterGroup,
          violenceType: b.violenceType,
          summary: b.story,
          acute: false,
          createdBy: null,
        };
      },
      extras: {
        reporterName: b.reporterName,
        reporterContact: b.reporterContact,
        reporterConsent: b.kind === 'melding' ? true : b.reporterName || b.reporterContact ? b.consent : null,
        flags: [],
      },
      audit: { requestId: req.id, actorId: null, actorEmail: null, actorRole: 'meldcode-tool', actorOrganisationId: null, actorRegion: null, reason: b.kind },
    });
    return reply.status(201).send({ kind: result.kind, reference: result.reference });
  });

  app.post('/api/public/meldcode/usage', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 hour' } },
    schema: {
      summary: 'Count a step of the meldcode tool (month, region, sector, event; no person data)',
      tags: ['public', 'meldcode'],
      body: z.strictObject({ sector: z.enum(SECTORS), event: z.enum(USAGE_EVENTS), municipalityCode: municipality }),
      response: { 204: z.null(), 429: errorSchema },
    },
  }, async (req, reply) => {
    const at = new Date();
    await transaction(db, async (trx) => {
      await countUsage(trx, { at, regionCode: await countingRegion(trx, req.body.municipalityCode, at), sector: req.body.sector, event: req.body.event });
    });
    return reply.status(204).send(null);
  });

  app.post('/api/public/meldcode/dossier.pdf', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 hour' } },
    bodyLimit: 64 * 1024,
    schema: {
      summary: 'Render a meldcode dossier as PDF for the organisation’s own file; nothing is stored',
      tags: ['public', 'meldcode'],
      body: dossierContent,
      response: { 200: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ description: 'application/pdf', type: 'string', format: 'binary' }), 400: errorSchema },
    },
  }, async (req, reply) => {
    checkDossier(req.body);
    // The dossier is the professional's: rendered and returned, never stored, logged or audited
    // with its content (an audit entry would be a trace of a client on the server).
    const pdf = await dossierPdf(req.body, new Date());
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="meldcode-dossier.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.post('/api/public/codeword', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 hour' } },
    schema: {
      summary: 'Record a use of the pharmacy codeword "Masker 19" (date, region, path); registers an anonymous advies when Veilig Thuis is contacted',
      tags: ['public', 'meldcode'],
      headers: idempotencyHeaders,
      body: z.strictObject({ path: z.enum(CODEWORD_PATHS), municipalityCode: municipality }),
      response: { 201: z.object({ path: z.enum(CODEWORD_PATHS), reference: z.string().nullable() }), 422: errorSchema, 429: errorSchema },
    },
  }, async (req, reply) => {
    const b = req.body;
    const at = new Date();
    const action = codewordAction(b.path);
    if (!action.registersAdvice) {
      // Acute: counted only. No idempotency record (it needs a contact); the page sends once.
      await transaction(db, async (trx) => {
        await recordCodewordUse(trx, { at, regionCode: await countingRegion(trx, b.municipalityCode, at), path: b.path, contactId: null });
        await appendAudit(trx, systemAuditEntry({ requestId: req.id, actorRole: 'apotheek', action: 'codeword.use', reason: b.path }));
      });
      return reply.status(201).send({ path: b.path, reference: null });
    }
    let useId: string | null = null;
    const result = await submitContact(db, {
      scope: 'codeword',
      idempotencyKey: req.headers['idempotency-key'],
      bodyHash: bodyHash(b),
      contact: async (trx) => {
        const region = await countingRegion(trx, b.municipalityCode, at);
        // Counted inside the claim of the idempotency key: once per use, also when the tap is retried.
        useId = await recordCodewordUse(trx, { at, regionCode: region, path: b.path, contactId: null });
        const known = region !== 'onbekend';
        return {
          kind: 'advies',
          receivedAt: at.toISOString(),
          regionCode: known ? region : config.intake.nationalRegion,
          municipalityCode: known ? b.municipalityCode : null,
          channel: 'apotheek',
          reporterType: 'beroepsmatig',
          reporterGroup: 'gezondheidszorg-overig',
          violenceType: null,
          // Codes only: the person at the counter is not named, the pharmacist tells the rest on the phone.
          summary: b.path === 'alleen'
            ? 'Codewoord Masker 19 aan de balie. De persoon is alleen; de apotheker belt nu samen met de persoon met Veilig Thuis.'
            : 'Codewoord Masker 19 aan de balie. De persoon was niet alleen; de apotheker neemt na een veilig contactmoment contact op met Veilig Thuis.',
          acute: false,
          createdBy: null,
        };
      },
      extras: { reporterName: null, reporterContact: null, reporterConsent: null, flags: [] },
      audit: { requestId: req.id, actorId: null, actorEmail: null, actorRole: 'apotheek', actorOrganisationId: null, actorRegion: null, reason: `codeword ${b.path}` },
    });
    if (useId) {
      // The link lets figures tell which advies came from the counter; the count itself is already committed.
      await db.updateTable('codeword_use').set({ contact_id: result.contactId }).where('id', '=', useId).execute();
    }
    return reply.status(201).send({ path: b.path, reference: result.reference });
  });

  app.get('/api/meldcode/figures', {
    config: { access: 'reports:read' },
    schema: {
      summary: 'Meldcode tool use and codeword uses per month and region (counts only)',
      tags: ['meldcode', 'reports'],
      querystring: z.object({ from: monthParam, to: monthParam }),
      response: {
        200: z.object({
          usage: z.array(z.object({ month: z.string(), regionCode: z.string(), sector: z.string(), event: z.string(), count: z.number().int() })),
          codeword: z.array(z.object({ month: z.string(), regionCode: z.string(), path: z.string(), count: z.number().int() })),
        }),
      },
    },
  }, async (req) => {
    const from = `${req.query.from}-01`;
    const to = `${req.query.to}-01`;
    return req.scoped(async ({ db: trx, audit }) => {
      const usage = await trx
        .selectFrom('meldcode_usage')
        .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'region_code', 'sector', 'event', 'count'])
        .where(sql<boolean>`month between ${from}::date and ${to}::date`)
        .orderBy('month')
        .orderBy('region_code')
        .orderBy('sector')
        .orderBy('event')
        .execute();
      const codeword = await trx
        .selectFrom('codeword_use')
        .select([sql<string>`to_char(used_on, 'YYYY-MM')`.as('month'), 'region_code', 'path', sql<string>`count(*)`.as('n')])
        .where(sql<boolean>`used_on >= ${from}::date and used_on < (${to}::date + interval '1 month')`)
        .groupBy([sql`to_char(used_on, 'YYYY-MM')`, 'region_code', 'path'])
        .orderBy(sql`to_char(used_on, 'YYYY-MM')`)
        .orderBy('region_code')
        .orderBy('path')
        .execute();
      await audit({ action: 'meldcode.figures', recordType: 'meldcode_figures', recordId: `${req.query.from}/${req.query.to}` });
      return {
        usage: usage.map((u) => ({ month: u.month, regionCode: u.region_code, sector: u.sector, event: u.event, count: u.count })),
        codeword: codeword.map((c) => ({ month: c.month, regionCode: c.region_code, path: c.path, count: Number(c.n) })),
      };
    });
  });

  // Organisation dossiers ------------------------------------------------------------------------
  function toView(r: { id: string; title: string; sector: string; step: number; outcome: 'melding' | 'hulp-met-monitoring' | 'afgesloten' | null; created_by: string; creator: string | null; created_at: Date; updated_at: Date }, userId: string, now: Date) {
    return {
      id: r.id,
      title: r.title,
      sector: r.sector as (typeof SECTORS)[number],
      step: r.step,
      outcome: r.outcome,
      createdBy: { id: r.created_by, name: r.creator },
      own: r.created_by === userId,
      stalled: isStalled(r.updated_at, r.outcome, now),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }

  app.get('/api/meldcode/dossiers', {
    config: { access: 'meldcode:dossiers' },
    schema: {
      summary: 'Meldcode dossiers of the own organisation: own ones, or all for the aandachtsfunctionaris; stalled ones marked',
      tags: ['meldcode'],
      response: { 200: z.array(dossierView) },
    },
  }, async (req) =>
    req.scoped(async ({ db: trx, actor, audit }) => {
      // No organisation filter here on purpose: row-level security is the filter (ADR 0007).
      const rows = await trx
        .selectFrom('meldcode_dossier as d')
        .leftJoin('staff_user as u', 'u.id', 'd.created_by')
        .select(['d.id', 'd.title', 'd.sector', 'd.step', 'd.outcome', 'd.created_by', 'u.display_name as creator', 'd.created_at', 'd.updated_at'])
        .orderBy('d.updated_at', 'desc')
        .execute();
      await audit({ action: 'meldcode.dossier.list', recordType: 'meldcode_dossier', reason: String(rows.length) });
      const now = new Date();
      return rows.map((r) => toView(r, actor.userId, now));
    }));

  app.post('/api/meldcode/dossiers', {
    config: { access: 'meldcode:dossiers' },
    schema: {
      summary: 'Start a meldcode dossier in the own organisation',
      tags: ['meldcode'],
      body: dossierWrite,
      response: { 201: dossierDetail, 400: errorSchema },
    },
  }, async (req, reply) => {
    const outcome = checkDossier(req.body.content);
    const body = await req.scoped(async ({ db: trx, actor, audit }) => {
      const row = await trx
        .insertInto('meldcode_dossier')
        .values({ organisation_id: actor.organisationId, created_by: actor.userId, title: req.body.title, sector: req.body.content.sector, step: req.body.content.step, outcome, content: JSON.stringify(req.body.content) })
        .returning(['id', 'title', 'sector', 'step', 'outcome', 'created_by', 'created_at', 'updated_at'])
        .executeTakeFirstOrThrow();
      await audit({ action: 'meldcode.dossier.create', recordType: 'meldcode_dossier', recordId: row.id });
      return { ...toView({ ...row, creator: actor.displayName }, actor.userId, new Date()), content: req.body.content };
    });
    reply.status(201);
    return body;
  });

  app.get('/api/meldcode/dossiers/:id', {
    config: { access: 'meldcode:dossiers' },
    schema: {
      summary: 'One meldcode dossier (404 outside the own organisation or, for a professional, not their own)',
      tags: ['meldcode'],
      params: z.object({ id: z.string() }),
      response: { 200: dossierDetail, 404: errorSchema },
    },
  }, async (req) => {
    if (!isUuid(req.params.id)) throw recordNotFound('meldcode_dossier', req.params.id, 'meldcode.dossier.read');
    return req.scoped(async ({ db: trx, actor, audit }) => {
      const r = await trx
        .selectFrom('meldcode_dossier as d')
        .leftJoin('staff_user as u', 'u.id', 'd.created_by')
        .select(['d.id', 'd.title', 'd.sector', 'd.step', 'd.outcome', 'd.created_by', 'u.display_name as creator', 'd.created_at', 'd.updated_at', 'd.content'])
        .where('d.id', '=', req.params.id)
        .executeTakeFirst();
      if (!r) throw recordNotFound('meldcode_dossier', req.params.id, 'meldcode.dossier.read');
      await audit({ action: 'meldcode.dossier.read', recordType: 'meldcode_dossier', recordId: r.id });
      return { ...toView(r, actor.userId, new Date()), content: dossierContent.parse(r.content) };
    });
  });

  app.put('/api/meldcode/dossiers/:id', {
    config: { access: 'meldcode:dossiers' },
    schema: {
      summary: 'Update a meldcode dossier (notes, step, answers); the outcome follows from the answers',
      tags: ['meldcode'],
      params: z.object({ id: z.string() }),
      body: dossierWrite,
      response: { 200: dossierDetail, 400: errorSchema, 404: errorSchema },
    },
  }, async (req) => {
    if (!isUuid(req.params.id)) throw recordNotFound('meldcode_dossier', req.params.id, 'meldcode.dossier.update');
    const outcome = checkDossier(req.body.content);
    return req.scoped(async ({ db: trx, actor, audit }) => {
      const row = await trx
        .updateTable('meldcode_dossier')
        .set({ title: req.body.title, sector: req.body.content.sector, step: req.body.content.step, outcome, content: JSON.stringify(req.body.content), updated_at: new Date() })
        .where('id', '=', req.params.id)
        .returning(['id', 'title', 'sector', 'step', 'outcome', 'created_by', 'created_at', 'updated_at'])
        .executeTakeFirst();
      if (!row) throw recordNotFound('meldcode_dossier', req.params.id, 'meldcode.dossier.update');
      const creator = await trx.selectFrom('staff_user').select('display_name').where('id', '=', row.created_by).executeTakeFirst();
      await audit({ action: 'meldcode.dossier.update', recordType: 'meldcode_dossier', recordId: row.id, reason: outcome ?? `stap-${row.step}` });
      return { ...toView({ ...row, creator: creator?.display_name ?? null }, actor.userId, new Date()), content: req.body.content };
    });
  });
}
