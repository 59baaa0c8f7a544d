import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ScopedTx } from '../../db/scope.ts';
import type { PersonRole } from '../../domain/households/persons.ts';
import { AppError, isUuid } from '../errors.ts';

export type ContactErrorCode = 'unknown_municipality' | 'persons_on_advies' | 'invalid_bsn' | 'not_an_advies' | 'already_converted';
export class ContactError extends AppError<ContactErrorCode> {}

export interface NewContact {
  kind: 'advies' | 'melding';
  receivedAt: string;
  regionCode: string;
  municipalityCode: string | null;
  channel: string;
  reporterType: string;
  reporterGroup: string;
  violenceType: string | null;
  summary: string;
  acute: boolean;
  createdBy: string | null;
  /** exchange-v1 flags (domain/contacts/vocabulary.ts FLAGS). */
  flags?: readonly string[];
  /** The reporter agreed to be named as the source to the family or a partner. */
  reporterShareable?: boolean;
  /** Who reported and how to reach them (for feedback); never shown outside Veilig Thuis unless shareable. */
  reporterName?: string | null;
  reporterContact?: string | null;
  /** People involved: a melding only (an advies stores no household data). */
  persons?: readonly NewPerson[];
}

export interface NewPerson {
  role: PersonRole;
  name: string;
  /** yyyy-mm-dd */
  birthDate: string | null;
  street: string | null;
  postcode: string | null;
  place: string | null;
  bsn: string | null;
}


/**
 * Contact queries. Takes only a scoped transaction (ScopedTx from inScope): the row-level
 * security of the actor applies to every query here, so no query can reach another region.
 */
export function contactRepository(db: ScopedTx | Kysely<DB>) {
  const base = () =>
    db
      .selectFrom('contact as c')
      .leftJoin('staff_user as u', 'u.id', 'c.created_by')
      .select([
        'c.id',
        'c.kind',
        'c.received_at',
        'c.region_code',
        'c.municipality_code',
        'c.channel',
        'c.reporter_type',
        'c.reporter_group',
        'c.violence_type',
        'c.summary',
        'c.acute',
        'c.converted_from',
        'c.converted_to',
        'c.flags',
        'c.reporter_shareable',
        'c.reporter_name',
        'c.reporter_contact',
        'c.created_at',
        'u.display_name as created_by_name',
        // The name as known in the year the contact was received.
        sql<string | null>`(select m.municipality_name from municipality_classification m
          where m.municipality_code = c.municipality_code
          order by (m.year <= extract(year from c.received_at at time zone 'Europe/Amsterdam')) desc, abs(m.year - extract(year from c.received_at at time zone 'Europe/Amsterdam'))
          limit 1)`.as('municipality_name'),
      ]);
  return {
    list: (limit: number) => base().orderBy('c.received_at', 'desc').limit(limit).execute(),
    get: async (id: string) => (isUuid(id) ? base().where('c.id', '=', id).executeTakeFirst() : undefined),
    municipalityExists: async (code: string) =>
      !!(await db.selectFrom('municipality_classification').select('municipality_code').where('municipality_code', '=', code).limit(1).executeTakeFirst()),
    /**
     * The INSERT of a new contact with the id given, not yet run: registerContact sends it in one
     * statement with the rows that belong to it.
     */
    insertContact: (id: string, c: NewContact) =>
      db.insertInto('contact').values({
        id,
        kind: c.kind,
        received_at: new Date(c.receivedAt),
        region_code: c.regionCode,
        municipality_code: c.municipalityCode,
        channel: c.channel,
        reporter_type: c.reporterType,
        reporter_group: c.reporterGroup,
        violence_type: c.violenceType,
        summary: c.summary,
        acute: c.acute,
        flags: [...(c.flags ?? [])],
        reporter_shareable: c.reporterShareable ?? false,
        reporter_name: c.reporterName ?? null,
        reporter_contact: c.reporterContact ?? null,
        external_id: null,
        created_by: c.createdBy,
      }),
    /** The INSERT of a contact's people, not yet run (at least one person). */
    insertPersons: (contactId: string, regionCode: string, persons: readonly NewPerson[]) =>
      db
        .insertInto('person')
        .values(persons.map((p) => ({ contact_id: contactId, household_id: null, region_code: regionCode, role: p.role, name: p.name, birth_date: p.birthDate, street: p.street, postcode: p.postcode, place: p.place, bsn: p.bsn }))),
    /** The people of a contact: victims, perpetrators, children, others; by name. */
    persons: (contactId: string) =>
      db
        .selectFrom('person')
        .select(['id', 'household_id', 'role', 'name', 'birth_date', 'street', 'postcode', 'place', 'bsn'])
        .where('contact_id', '=', contactId)
        .orderBy(sql`array_position(array['slachtoffer', 'pleger', 'kind', 'overig'], role)`)
        .orderBy('name')
        .execute(),
  };
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof contactRepository>['persons']>>[number];

export type ContactRow = NonNullable<Awaited<ReturnType<ReturnType<typeof contactRepository>['get']>>>;
