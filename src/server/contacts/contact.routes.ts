import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNELS, CONTACT_KINDS, FLAGS, REPORTER_GROUPS, REPORTER_TYPES, VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { INVALID_BSN_MESSAGE, isValidBsn } from '../../domain/households/bsn.ts';
import { AUDIENCES, disclosableReporter } from '../../domain/households/disclosure.ts';
import { normalisePostcode, PERSON_ROLES } from '../../domain/households/persons.ts';
import { recordNotFound } from '../errors.ts';
import { ContactError, contactRepository, type ContactRow, type PersonRow } from './contact.repository.ts';
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
  /** The advies this melding was made from, or the melding this advies became. */
  convertedFrom: z.string().nullable(),
  convertedTo: z.string().nullable(),
  flags: z.array(z.enum(FLAGS)),
  reporterShareable: z.boolean(),
  createdAt: z.string(),
  createdBy: z.object({ displayName: z.string() }).nullable(),
});

export const personView = z.object({
  id: z.string(),
  role: z.enum(PERSON_ROLES),
  name: z.string(),
  birthDate: z.string().nullable(),
  street: z.string().nullable(),
  postcode: z.string().nullable(),
  place: z.string().nullable(),
  bsn: z.string().nullable(),
});

const contactDetail = contactView.extend({
  /** Staff of the region see who reported (for feedback); anything leaving Veilig Thuis goes through disclosure. */
  reporterName: z.string().nullable(),
  reporterContact: z.string().nullable(),
  persons: z.array(personView),
  /** The household file the melding's people joined; null until a worker confirmed one. */
  householdId: z.string().nullable(),
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));

/** Someone involved in a melding. The BSN is optional, but when given it must pass the elfproef. */
const newPerson = z
  .object({
    role: z.enum(PERSON_ROLES),
    name: z.string().trim().min(1, 'Vul een naam in').max(200),
    birthDate: z.iso.date().nullable().default(null),
    street: optionalText(200),
    postcode: optionalText(10).refine((v) => v === null || normalisePostcode(v) !== null, 'Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 1234 AB').transform(normalisePostcode),
    place: optionalText(100),
    bsn: optionalText(9).refine((v) => v === null || isValidBsn(v), INVALID_BSN_MESSAGE),
  })
  .strict();

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
    flags: z.array(z.enum(FLAGS)).max(FLAGS.length).default([]).transform((f) => [...new Set(f)]),
    /** The reporter agreed to be named as the source to the family or a partner (Wmo art. 4.1.8). */
    reporterShareable: z.boolean().default(false),
    /** Name and phone or e-mail of the reporter, for feedback after the assessment and investigation. */
    reporterName: optionalText(200),
    reporterContact: optionalText(200),
    persons: z.array(newPerson).max(20).default([]),
  })
  .strict()
  .refine((c) => c.kind === 'advies' || c.violenceType !== null, { message: 'Een melding heeft een geweldsvorm', path: ['violenceType'] })
  .refine((c) => c.kind === 'melding' || c.persons.length === 0, {
    message: 'Een advies bevat geen gegevens van betrokkenen: alleen een melding krijgt een dossier per huishouden',
    path: ['persons'],
  });

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
    convertedFrom: r.converted_from,
    convertedTo: r.converted_to,
    flags: r.flags.filter((f): f is (typeof FLAGS)[number] => (FLAGS as readonly string[]).includes(f)),
    reporterShareable: r.reporter_shareable,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name ? { displayName: r.created_by_name } : null,
  };
}

export function personOut(p: Omit<PersonRow, 'household_id'>) {
  return { id: p.id, role: p.role, name: p.name, birthDate: p.birth_date, street: p.street, postcode: p.postcode, place: p.place, bsn: p.bsn };
}

function detail(r: ContactRow, persons: PersonRow[]) {
  return { ...view(r), reporterName: r.reporter_name, reporterContact: r.reporter_contact, persons: persons.map(personOut), householdId: persons.find((p) => p.household_id)?.household_id ?? null };
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
      response: { 200: contactDetail },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const repo = contactRepository(db);
      const row = await repo.get(req.params.id);
      if (!row) throw recordNotFound('contact', req.params.id, 'contact.read');
      await audit({ action: 'contact.read', recordType: 'contact', recordId: row.id, regionCode: row.region_code });
      return detail(row, await repo.persons(row.id));
    }),
  );

  app.get('/api/contacts/:id/disclosure', {
    config: { access: 'contacts:read' },
    schema: {
      summary: 'Preview of what may be told about the reporter to an audience (staff, family, partner)',
      description:
        'Reporter identity protection (Uitvoeringsbesluit Wmo 2015 art. 4.1.8): the family and partners only learn the reporter when the reporter agreed. Modules that send anything outside Veilig Thuis use the same rule (domain/households/disclosure.ts).',
      tags: ['contacts'],
      params: z.object({ id: z.string().max(100) }),
      querystring: z.object({ audience: z.enum(AUDIENCES).default('family') }),
      response: {
        200: z.object({
          audience: z.enum(AUDIENCES),
          reporter: z.object({ reporterType: z.string(), reporterGroup: z.string(), reporterName: z.string().nullable(), reporterContact: z.string().nullable() }).nullable(),
          withheld: z.enum(['professional-not-shareable', 'private-not-shareable']).nullable(),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, audit }) => {
      const row = await contactRepository(db).get(req.params.id);
      if (!row) throw recordNotFound('contact', req.params.id, 'contact.disclosure');
      await audit({ action: 'contact.disclosure', recordType: 'contact', recordId: row.id, regionCode: row.region_code, reason: req.query.audience });
      const d = disclosableReporter(
        { reporterType: row.reporter_type, reporterGroup: row.reporter_group, reporterName: row.reporter_name, reporterContact: row.reporter_contact, reporterShareable: row.reporter_shareable },
        req.query.audience,
      );
      return d.shown
        ? { audience: req.query.audience, reporter: { reporterType: d.reporterType, reporterGroup: d.reporterGroup, reporterName: d.reporterName, reporterContact: d.reporterContact }, withheld: null }
        : { audience: req.query.audience, reporter: null, withheld: d.reason };
    }),
  );

  app.post('/api/contacts', {
    config: { access: 'contacts:create' },
    schema: {
      summary: 'Register an advice request or report in the own region',
      tags: ['contacts'],
      body: newContact,
      response: { 201: contactDetail },
    },
  }, async (req, reply) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = await registerContact(db, { ...req.body, regionCode: actor.regionCode, createdBy: actor.userId });
      await audit({ action: 'contact.create', recordType: 'contact', recordId: id, regionCode: actor.regionCode, reason: req.body.kind });
      const repo = contactRepository(db);
      const row = await repo.get(id);
      // Status only: the body goes out when the transaction has committed (see req.scoped).
      reply.status(201);
      return detail(row!, await repo.persons(id));
    }),
  );
  app.post('/api/contacts/:id/convert', {
    config: { access: 'contacts:create' },
    schema: {
      summary: 'Turn an advies into a melding, keeping the advies and its history',
      tags: ['contacts'],
      params: z.object({ id: z.string().max(100) }),
      body: z
        .object({
          violenceType: z.enum(VIOLENCE_TYPES),
          acute: z.boolean().default(false),
          /** Why it became a melding; added to the story of the melding. */
          note: z.string().trim().max(2000).default(''),
        })
        .strict(),
      response: { 201: contactDetail },
    },
  }, async (req, reply) => {
    const created = await req.scoped(async ({ db, actor, audit }) => {
      const repo = contactRepository(db);
      const advies = await repo.get(req.params.id);
      if (!advies) throw recordNotFound('contact', req.params.id, 'contact.convert');
      if (advies.kind !== 'advies') throw new ContactError(409, 'not_an_advies', 'Alleen een advies kan worden omgezet in een melding');
      if (advies.converted_to) throw new ContactError(409, 'already_converted', 'Dit advies is al omgezet in een melding');
      // The melding is received now: its assessment deadline starts at the conversion.
      const id = await registerContact(db, {
        kind: 'melding',
        receivedAt: new Date().toISOString(),
        regionCode: advies.region_code,
        municipalityCode: advies.municipality_code,
        channel: advies.channel,
        reporterType: advies.reporter_type,
        reporterGroup: advies.reporter_group,
        violenceType: req.body.violenceType,
        summary: [advies.summary, req.body.note].filter((x) => x).join('\n\n'),
        acute: req.body.acute,
        createdBy: actor.userId,
      });
      await db.updateTable('contact').set({ converted_from: advies.id }).where('id', '=', id).execute();
      await db.updateTable('contact').set({ converted_to: id }).where('id', '=', advies.id).execute();
      await db.insertInto('case_step').values({ contact_id: id, region_code: advies.region_code, step: 'converted', by_user: actor.userId, code: 'advies', subject_user: null, note: null }).execute();
      await audit({ action: 'contact.convert', recordType: 'contact', recordId: advies.id, regionCode: advies.region_code, reason: `melding ${id}` });
      await audit({ action: 'contact.create', recordType: 'contact', recordId: id, regionCode: advies.region_code, reason: 'melding from advies' });
      return detail((await repo.get(id))!, await repo.persons(id));
    });
    // Answer only after the commit (see req.scoped).
    reply.status(201);
    return created;
  });
}
