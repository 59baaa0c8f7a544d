import { sql, type Transaction } from 'kysely';
import type { DB, HandoverContent } from '../../db/schema.ts';

const ERASED_HANDOVER: HandoverContent = { message: '', municipalityName: null, violenceType: null, persons: [], reporter: null };

/**
 * Erases the personal data of one advies or melding (retention, or a decision on a deletion
 * request, ADR 0013): story, reporter, people, notes, handover contents, attached chat
 * transcript, measures and MDA texts. What stays is the statistical skeleton (kind, dates,
 * region, municipality, violence type, reporter group, events) that the annual figures and the
 * exchange count; it names nobody. Runs as the owner (the job) or in a scoped transaction.
 */
export async function eraseContact(trx: Transaction<DB>, contactId: string, reason: 'retentie' | 'besluit', now: Date): Promise<void> {
  // Encrypted columns through the query builder, so the data layer keeps them consistent.
  await trx.updateTable('contact').set({ summary: '', reporter_name: null, reporter_contact: null, erased_at: now, erased_reason: reason }).where('id', '=', contactId).execute();
  await trx.updateTable('person').set({ name: '-', birth_date: null, street: null, postcode: null, place: null, bsn: null }).where('contact_id', '=', contactId).execute();
  await trx.updateTable('case_handling').set({ assessment_summary: null, investigation_summary: null }).where('contact_id', '=', contactId).execute();
  await trx.updateTable('case_step').set({ note: null }).where('contact_id', '=', contactId).execute();
  await trx.updateTable('case_condition').set({ description: '-', check_note: null }).where('contact_id', '=', contactId).execute();
  await trx.updateTable('case_checkin').set({ note: null }).where('contact_id', '=', contactId).execute();
  await trx.updateTable('case_handover').set({ content: JSON.stringify(ERASED_HANDOVER), decline_reason: null, feedback: null }).where('contact_id', '=', contactId).execute();
  const chats = await trx.selectFrom('chat_session').select('id').where('contact_id', '=', contactId).execute();
  for (const c of chats) {
    await trx.deleteFrom('chat_message').where('session_id', '=', c.id).execute();
    await trx.updateTable('chat_session').set({ nickname: '-', transfer_note: null, transcript_deleted_at: now }).where('id', '=', c.id).execute();
  }
  // Free text of the other modules that hang off a melding.
  await sql`update case_task set reason = null where contact_id = ${contactId}::uuid`.execute(trx);
  await sql`update restraining_order set barred_name = '-' where contact_id = ${contactId}::uuid`.execute(trx);
  await sql`update aware_review set note = null where aware_id in (select id from aware_case where contact_id = ${contactId}::uuid)`.execute(trx);
  await sql`update aware_case set decision_note = null, committee_members = '{}' where contact_id = ${contactId}::uuid`.execute(trx);
  await sql`update mda_goal set description = '-' where plan_id in (select id from mda_plan where contact_id = ${contactId}::uuid)`.execute(trx);
  await sql`update mda_meeting set minutes = '-' where plan_id in (select id from mda_plan where contact_id = ${contactId}::uuid)`.execute(trx);
  await sql`update mda_plan set summary = '-', director_name = '-' where contact_id = ${contactId}::uuid`.execute(trx);
}
