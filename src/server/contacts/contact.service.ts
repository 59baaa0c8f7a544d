import { randomUUID } from 'node:crypto';
import { sql, type Compilable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assessmentDeadline } from '../../domain/deadlines/deadlines.ts';
import { INVALID_BSN_MESSAGE, isValidBsn } from '../../domain/households/bsn.ts';
import { caseRepository } from '../cases/case.repository.ts';
import { ContactError, contactRepository, type NewContact } from './contact.repository.ts';

type Executor = Transaction<DB> | Kysely<DB>;

export interface RegisterInput extends Omit<NewContact, 'createdBy'> {
  /** The staff member registering it; null for a submission through a form or a partner system. */
  createdBy: string | null;
}

/**
 * Registers an advies or melding: the one path for every channel (console, public form, partner
 * systems), so validation and the opening of a melding's handling cannot differ between them.
 * Runs in the caller's transaction; the caller writes the audit entry.
 */
export async function registerContact(db: Executor, input: RegisterInput): Promise<string> {
  const repo = contactRepository(db);
  if (input.municipalityCode && !(await repo.municipalityExists(input.municipalityCode))) {
    throw new ContactError(400, 'unknown_municipality', `Onbekende gemeente: ${input.municipalityCode}`);
  }
  const persons = input.persons ?? [];
  if (input.kind === 'advies' && persons.length > 0) {
    // Guidance: an advies stays anonymous and opens no household file.
    throw new ContactError(400, 'persons_on_advies', 'Een advies bevat geen gegevens van betrokkenen: alleen een melding krijgt een dossier per huishouden.');
  }
  const badBsn = persons.find((p) => p.bsn !== null && !isValidBsn(p.bsn));
  if (badBsn) throw new ContactError(400, 'invalid_bsn', INVALID_BSN_MESSAGE);
  const id = randomUUID();
  const { regionCode } = input;
  // Never joined to a household here: a worker confirms a match first (households module).
  const parts: [string, Compilable][] = [['new_contact', repo.insertContact(id, input)]];
  if (persons.length > 0) parts.push(['new_person', repo.insertPersons(id, regionCode, persons)]);
  if (input.kind === 'melding') {
    const receivedAt = new Date(input.receivedAt);
    // A melding opens its handling at once, with the statutory assessment deadline.
    parts.push(['new_handling', db.insertInto('case_handling').values({ contact_id: id, region_code: regionCode, state: 'registered', assessment_due: assessmentDeadline(receivedAt, { acute: input.acute }), assigned_to: null, assessed_by: null, assessed_at: null, acute_unsafety: null, structural_unsafety: null, decision: null, assessment_summary: null, decided_by: null, decided_at: null, closed_at: null, close_reason: null })]);
    // The people whose data are recorded must be told within 4 weeks (Wmo 2015 art. 5.3.1).
    parts.push(['new_task', caseRepository(db).insertTask(id, regionCode, 'informeren', receivedAt)]);
    parts.push(['new_step', db.insertInto('case_step').values({ contact_id: id, region_code: regionCode, step: 'register', by_user: input.createdBy, code: input.acute ? 'acute' : null, subject_user: null, note: null })]);
  }
  // All of it in one statement: every statement costs the server process and PostgreSQL a round
  // trip, which was most of an intake's cost (docs/PERFORMANCE.md). Each part stays an INSERT ...
  // VALUES built by Kysely, so the field-encryption plugin still encrypts every value it must
  // (it rewrites nested queries too). Foreign keys and the row-level security checks hold: the
  // keys are checked at the end of the statement, and the policies look at the row itself or
  // at tables a new contact has no rows in yet (case_restriction).
  await sql`with ${sql.join(parts.map(([name, q]) => sql`${sql.id(name)} as (${q})`))} select 1`.execute(db);
  return id;
}
