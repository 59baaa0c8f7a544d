import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { transaction, type ScopedTx } from '../../db/scope.ts';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { CORRECTABLE_FIELDS, REQUEST_KINDS, requestDue } from '../../domain/retention/subject-request.ts';
import { normalisePostcode } from '../../domain/households/persons.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { AppError, isUuid, recordNotFound } from '../errors.ts';
import { auditFieldsFor } from '../plugins/access.plugin.ts';
import { eraseContact } from '../retention/erase.ts';

export type SubjectRequestErrorCode = 'wrong_kind' | 'already_decided' | 'four_eyes' | 'not_a_person_of_the_file' | 'erased';
export class SubjectRequestError extends AppError<SubjectRequestErrorCode> {}

const STATUSES = ['open', 'afgehandeld', 'toegewezen', 'afgewezen'] as const;
const requestView = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  kind: z.enum(REQUEST_KINDS),
  receivedOn: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  registeredBy: z.string().nullable(),
  status: z.enum(STATUSES),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
const idParams = z.object({ id: z.string().max(100) });

/**
 * Requests of data subjects (AVG; Wmo 2015 art. 5.3.2 and 5.3.5; ADR 0013): register a request
 * for a person of a file, produce the access export (the person's own data only: other people,
 * the reporter and free texts left out), record a correction, decide a deletion (four eyes: not
 * by whoever registered it) with its reason. Every step is audited, without content.
 */
export async function subjectRequestRoutes(fastify: FastifyInstance, opts: { db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/contacts/:id/subject-requests', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'The requests of data subjects about a file, with their deadlines, and the people they can be made for',
      tags: ['subject-requests'],
      params: idParams,
      response: { 200: z.object({ persons: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })), items: z.array(requestView) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const id = req.params.id;
      const contact = isUuid(id) ? await db.selectFrom('contact').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst() : undefined;
      if (!contact) throw recordNotFound('contact', id, 'subject_request.list');
      const persons = await db.selectFrom('person').select(['id', 'name', 'role']).where('contact_id', '=', id).orderBy('created_at').execute();
      const rows = await db
        .selectFrom('data_subject_request as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .leftJoin('staff_user as reg', 'reg.id', 'r.registered_by')
        .leftJoin('staff_user as dec', 'dec.id', 'r.decided_by')
        .select(['r.id', 'r.person_id', 'p.name', 'r.kind', 'r.received_on', 'r.due_on', 'r.note', 'reg.display_name as registered_name', 'r.status', 'r.decision_reason', 'dec.display_name as decided_name', 'r.decided_at'])
        .where('r.contact_id', '=', id)
        .orderBy('r.registered_at')
        .execute();
      await audit({ action: 'subject_request.list', recordType: 'contact', recordId: id, regionCode: contact.region_code });
      const today = amsterdamDate(new Date());
      return {
        persons,
        items: rows.map((r) => ({
          id: r.id,
          personId: r.person_id,
          personName: r.name,
          kind: r.kind,
          receivedOn: r.received_on,
          dueOn: r.due_on,
          overdue: r.status === 'open' && r.due_on < today,
          note: r.note,
          registeredBy: r.registered_name,
          status: r.status,
          decisionReason: r.decision_reason,
          decidedBy: r.decided_name,
          decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
        })),
      };
    }),
  );

  app.post('/api/contacts/:id/subject-requests', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Register a request of a person of the file: access (inzage), correction or deletion; the deadline follows from the kind',
      tags: ['subject-requests'],
      params: idParams,
      body: z.strictObject({
        personId: z.string().max(100),
        kind: z.enum(REQUEST_KINDS),
        receivedOn: z.iso.date(),
        note: z.string().trim().max(2000).nullable().default(null),
      }),
      response: { 201: z.object({ id: z.string(), dueOn: z.string() }) },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      const b = req.body;
      const contact = isUuid(id) ? await db.selectFrom('contact').select(['id', 'region_code', 'erased_at']).where('id', '=', id).executeTakeFirst() : undefined;
      if (!contact) throw recordNotFound('contact', id, 'subject_request.create');
      if (contact.erased_at) throw new SubjectRequestError(409, 'erased', 'De persoonsgegevens van dit dossier zijn al verwijderd.');
      const person = isUuid(b.personId) ? await db.selectFrom('person').select('id').where('id', '=', b.personId).where('contact_id', '=', id).executeTakeFirst() : undefined;
      if (!person) throw new SubjectRequestError(400, 'not_a_person_of_the_file', 'Kies een betrokkene van dit dossier.');
      const dueOn = requestDue(b.kind, b.receivedOn);
      const row = await db
        .insertInto('data_subject_request')
        .values({ contact_id: id, person_id: person.id, region_code: contact.region_code, kind: b.kind, received_on: b.receivedOn, due_on: dueOn, note: b.note || null, registered_by: actor.userId, decision_reason: null, decided_by: null, decided_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit({ action: 'subject_request.create', recordType: 'data_subject_request', recordId: row.id, regionCode: contact.region_code, reason: b.kind });
      reply.status(201);
      return { id: row.id, dueOn };
    }),
  );

  /** Loads a request in the actor's scope (404 otherwise). */
  const load = async (db: ScopedTx, id: string, action: string) => {
    const r = isUuid(id) ? await db.selectFrom('data_subject_request').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!r) throw recordNotFound('data_subject_request', id, action);
    return r;
  };

  app.get('/api/subject-requests/:id/export', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'The access export (inzage) for the person of a request, as a JSON file: their own data only',
      description: 'Other people of the file, the reporter’s identity and free texts (story, notes) are left out (Wmo 2015 art. 5.3.2); the export says so. Producing it completes an access request.',
      tags: ['subject-requests'],
      params: idParams,
      response: { 200: z.object({}).passthrough() },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const r = await load(db, req.params.id, 'subject_request.export');
      if (r.kind !== 'inzage') throw new SubjectRequestError(409, 'wrong_kind', 'Alleen bij een verzoek om inzage hoort een overzicht.');
      const person = await db.selectFrom('person').select(['role', 'name', 'birth_date', 'street', 'postcode', 'place', 'bsn']).where('id', '=', r.person_id).executeTakeFirstOrThrow();
      const contact = await db.selectFrom('contact').select(['kind', 'received_at', 'violence_type', 'municipality_code']).where('id', '=', r.contact_id).executeTakeFirstOrThrow();
      const handling = await db.selectFrom('case_handling').select(['state', 'decision', 'decided_at', 'closed_at']).where('contact_id', '=', r.contact_id).executeTakeFirst();
      const steps = await db.selectFrom('case_step').select(['step', 'at']).where('contact_id', '=', r.contact_id).orderBy('at').execute();
      const others = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', r.contact_id).where('id', '!=', r.person_id).executeTakeFirstOrThrow();
      if (r.status === 'open') {
        await db.updateTable('data_subject_request').set({ status: 'afgehandeld', decided_by: actor.userId, decided_at: new Date() }).where('id', '=', r.id).execute();
      }
      await audit({ action: 'subject_request.export', recordType: 'data_subject_request', recordId: r.id, regionCode: r.region_code });
      const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
      reply.header('content-disposition', `attachment; filename="inzage-${r.id.slice(0, 8)}.json"`);
      return {
        format: 'signaal-inzage-v1',
        generatedAt: new Date().toISOString(),
        request: { kind: r.kind, receivedOn: r.received_on },
        person: { role: person.role, name: person.name, birthDate: person.birth_date, street: person.street, postcode: person.postcode, place: person.place, bsn: person.bsn },
        file: {
          kind: contact.kind,
          receivedAt: iso(contact.received_at),
          violenceType: contact.violence_type,
          municipalityCode: contact.municipality_code,
          state: handling?.state ?? null,
          decision: handling?.decision ?? null,
          decidedAt: iso(handling?.decided_at),
          closedAt: iso(handling?.closed_at),
          steps: steps.map((s) => ({ step: s.step, at: iso(s.at) })),
        },
        withheld: {
          otherPersons: Number(others.n),
          reporter: true,
          freeText: true,
          explanation:
            'Gegevens van andere betrokkenen en de identiteit van de melder zijn weggelaten (Wmo 2015 art. 5.3.2). Vrije teksten (het verhaal, aantekeningen) kunnen over anderen gaan; die worden na beoordeling door Veilig Thuis apart verstrekt.',
        },
      };
    }),
  );

  app.post('/api/subject-requests/:id/correction', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record a correction of the person’s data asked for in a correction request (completes the request)',
      tags: ['subject-requests'],
      params: idParams,
      body: z.strictObject({ field: z.enum(CORRECTABLE_FIELDS), value: z.string().trim().max(200), reason: z.string().trim().min(1).max(2000) }),
      response: { 200: z.object({ status: z.enum(STATUSES) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const r = await load(db, req.params.id, 'subject_request.correct');
      if (r.kind !== 'correctie') throw new SubjectRequestError(409, 'wrong_kind', 'Dit is geen verzoek om correctie.');
      const b = req.body;
      const v = b.value === '' ? null : b.value;
      if (b.field === 'birthDate' && v !== null && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new SubjectRequestError(400, 'wrong_kind', 'Een geboortedatum als JJJJ-MM-DD.');
      if (b.field === 'name' && v === null) throw new SubjectRequestError(400, 'wrong_kind', 'Een naam is nodig.');
      const set =
        b.field === 'name' ? { name: v! } : b.field === 'birthDate' ? { birth_date: v } : b.field === 'street' ? { street: v } : b.field === 'postcode' ? { postcode: v ? normalisePostcode(v) : null } : { place: v };
      await db.updateTable('person').set(set).where('id', '=', r.person_id).execute();
      await db.updateTable('data_subject_request').set({ status: 'afgehandeld', decision_reason: b.reason, decided_by: actor.userId, decided_at: new Date() }).where('id', '=', r.id).execute();
      // The field's name only, never the old or new value.
      await audit({ action: 'subject_request.correct', recordType: 'data_subject_request', recordId: r.id, regionCode: r.region_code, reason: b.field });
      return { status: 'afgehandeld' as const };
    }),
  );

  app.post('/api/subject-requests/:id/decision', {
    config: { access: 'cases:assign' },
    schema: {
      summary: 'Decide a deletion request with its reason (team lead; not the person who registered it). Granted: the file’s personal data is erased',
      tags: ['subject-requests'],
      params: idParams,
      body: z.strictObject({ decision: z.enum(['toegewezen', 'afgewezen']), reason: z.string().trim().min(1).max(2000) }),
      response: { 200: z.object({ status: z.enum(STATUSES) }) },
    },
  }, async (req) => {
    const actor = req.actor!;
    // Visibility and the rules in the actor's scope first...
    const r = await req.scoped(async ({ db }) => load(db, req.params.id, 'subject_request.decide'));
    if (r.kind !== 'verwijdering') throw new SubjectRequestError(409, 'wrong_kind', 'Dit is geen verzoek om verwijdering.');
    if (r.status !== 'open') throw new SubjectRequestError(409, 'already_decided', 'Over dit verzoek is al besloten.');
    if (r.registered_by === actor.userId) {
      throw new SubjectRequestError(403, 'four_eyes', 'Een collega die het verzoek niet heeft vastgelegd, neemt het besluit (vier ogen).', undefined, {
        action: 'subject_request.decide',
        recordType: 'data_subject_request',
        recordId: r.id,
        reason: 'four eyes',
      });
    }
    // ...then the decision and, when granted, the erasure in one transaction as the owner: erasing
    // touches records (timeline, handovers, measures) the request role may only add to.
    return transaction(opts.db, async (trx) => {
      const now = new Date();
      const updated = await trx
        .updateTable('data_subject_request')
        .set({ status: req.body.decision, decision_reason: req.body.reason, decided_by: actor.userId, decided_at: now })
        .where('id', '=', r.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new SubjectRequestError(409, 'already_decided', 'Over dit verzoek is al besloten.');
      if (req.body.decision === 'toegewezen') await eraseContact(trx, r.contact_id, 'besluit', now);
      await appendAudit(trx, auditFieldsFor(req, actor, { action: 'subject_request.decide', recordType: 'data_subject_request', recordId: r.id, regionCode: r.region_code, reason: req.body.decision }));
      if (req.body.decision === 'toegewezen') {
        await appendAudit(trx, auditFieldsFor(req, actor, { action: 'contact.erase', recordType: 'contact', recordId: r.contact_id, regionCode: r.region_code, reason: 'besluit' }));
      }
      return { status: req.body.decision };
    });
  });
}
