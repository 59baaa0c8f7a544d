import { sql } from 'kysely';
import { fieldCrypto } from '../../db/field-crypto.ts';
import type { ScopedTx } from '../../db/scope.ts';
import { houseNumber, normalisePostcode } from '../../domain/households/persons.ts';
import type { KnownPerson, PersonFacts } from '../../domain/households/matching.ts';
import { AppError, isUuid } from '../errors.ts';

export type HouseholdErrorCode = 'not_a_melding' | 'no_persons' | 'already_in_household';
export class HouseholdError extends AppError<HouseholdErrorCode> {}


/**
 * Household files and their people. Scoped transactions only: row-level security keeps every
 * query in the actor's region; the national lookup is the one exception and goes through the
 * SECURITY DEFINER function of migration 0006, which returns a region and a date, nothing else.
 */
export function householdRepository(db: ScopedTx) {
  return {
    get: async (id: string) =>
      isUuid(id) ? db.selectFrom('household').select(['id', 'region_code', 'created_at']).where('id', '=', id).executeTakeFirst() : undefined,

    create: async (regionCode: string, createdBy: string) =>
      (await db.insertInto('household').values({ region_code: regionCode, created_by: createdBy }).returning('id').executeTakeFirstOrThrow()).id,

    /** People already in a household file of the region who might be one of `people`. */
    knownPeople: async (people: readonly PersonFacts[], excludeContactId: string): Promise<KnownPerson[]> => {
      // BSNs are encrypted at rest: equality goes through the keyed blind index (ADR 0013).
      const bsns = people.map((p) => p.bsn).filter((v): v is string => !!v).map((b) => fieldCrypto().blindIndex(b));
      const births = people.map((p) => p.birthDate).filter((v): v is string => !!v);
      const postcodes = people.filter((p) => houseNumber(p.street)).map((p) => normalisePostcode(p.postcode)).filter((v): v is string => !!v);
      if (bsns.length + births.length + postcodes.length === 0) return [];
      const rows = await db
        .selectFrom('person')
        .select(['id', 'household_id', 'name', 'birth_date', 'street', 'postcode', 'bsn'])
        .where('household_id', 'is not', null)
        .where('contact_id', '!=', excludeContactId)
        .where((eb) =>
          eb.or([
            ...(bsns.length ? [eb('bsn_index', 'in', bsns)] : []),
            ...(births.length ? [eb('birth_date', 'in', births)] : []),
            ...(postcodes.length ? [eb('postcode', 'in', postcodes)] : []),
          ]),
        )
        .limit(2000)
        .execute();
      return rows.map((r) => ({ id: r.id, householdId: r.household_id!, name: r.name, birthDate: r.birth_date, street: r.street, postcode: r.postcode, bsn: r.bsn }));
    },

    /** Flags the household's cases in monitoring that a new melding arrived (migration 0009). */
    flagMonitoring: async (householdId: string, contactId: string) =>
      (await sql<{ n: number }>`select signaal_flag_monitoring(${householdId}::uuid, ${contactId}::uuid) as n`.execute(db)).rows[0]?.n ?? 0,

    /** Joins all people of a contact to a household (the worker confirmed it). */
    join: async (contactId: string, householdId: string) => {
      await db.updateTable('person').set({ household_id: householdId }).where('contact_id', '=', contactId).execute();
    },

    /** The meldingen in a household file, oldest first. */
    meldingen: (householdId: string) =>
      db
        .selectFrom('contact as c')
        .select(['c.id', 'c.received_at', 'c.violence_type', 'c.reporter_type', 'c.reporter_group', 'c.reporter_name', 'c.acute'])
        .where('c.kind', '=', 'melding')
        .where((eb) => eb.exists(eb.selectFrom('person as p').select('p.id').whereRef('p.contact_id', '=', 'c.id').where('p.household_id', '=', householdId)))
        .orderBy('c.received_at')
        .execute(),

    people: (householdId: string) =>
      db
        .selectFrom('person as p')
        .innerJoin('contact as c', 'c.id', 'p.contact_id')
        .select(['p.id', 'p.contact_id', 'p.role', 'p.name', 'p.birth_date', 'p.street', 'p.postcode', 'p.place', 'p.bsn', 'c.received_at'])
        .where('p.household_id', '=', householdId)
        .orderBy('c.received_at')
        .orderBy('p.created_at')
        .execute(),

    /** Summaries of households (for match candidates): number of meldingen and the last one. */
    summaries: async (ids: readonly string[]) => {
      if (ids.length === 0) return new Map<string, { meldingen: number; lastReceivedAt: Date | null }>();
      const rows = await db
        .selectFrom('person as p')
        .innerJoin('contact as c', 'c.id', 'p.contact_id')
        .select(['p.household_id', sql<number>`count(distinct c.id)`.as('meldingen'), sql<Date | null>`max(c.received_at)`.as('last')])
        .where('p.household_id', 'in', ids)
        .groupBy('p.household_id')
        .execute();
      return new Map(rows.map((r) => [r.household_id!, { meldingen: Number(r.meldingen), lastReceivedAt: r.last ? new Date(r.last) : null }]));
    },

    /** National lookup across regions: region and first melding date only (migration 0006). */
    lookup: async (q: { bsn: string } | { name: string; birthDate: string }) => {
      // The function compares the blind index; the number itself never reaches SQL (ADR 0013).
      const bsn = 'bsn' in q ? fieldCrypto().blindIndex(q.bsn) : null;
      const name = 'name' in q ? q.name : null;
      const birthDate = 'birthDate' in q ? q.birthDate : null;
      const { rows } = await sql<{ region_code: string; known_since: Date; region_name: string }>`
        select l.region_code, l.known_since, r.name as region_name
        from signaal_household_lookup(${bsn}::text, ${name}::text, ${birthDate}::date) l
        join region r on r.code = l.region_code
        order by l.known_since`.execute(db);
      return rows;
    },
  };
}
