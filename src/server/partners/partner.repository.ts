import { sql } from 'kysely';
import type { ScopedTx } from '../../db/scope.ts';
import { AppError } from '../errors.ts';

export type PartnerErrorCode = 'already_answered' | 'not_accepted' | 'name_taken';
export class PartnerError extends AppError<PartnerErrorCode> {}

/**
 * What a partner user reads: the handovers addressed to their own organisation. Row-level
 * security (migration 0009) shows a partner nothing else; no query here joins a Veilig Thuis table.
 */
export function partnerRepository(db: ScopedTx) {
  const handovers = () =>
    db
      .selectFrom('case_handover as h')
      .innerJoin('region as r', 'r.code', 'h.region_code')
      .select(['h.id', 'h.sent_at', 'h.status', 'h.responded_at', 'h.decline_reason', 'h.feedback', 'h.feedback_at', 'h.content', 'h.region_code', 'r.name as region_name']);
  return {
    handovers: () => handovers().orderBy('h.sent_at', 'desc').limit(500).execute(),
    handover: (id: string) => handovers().where('h.id', '=', id).executeTakeFirst(),
    /** The answer goes through the SECURITY DEFINER function: a partner has no right on the case itself. */
    respond: async (id: string, accept: boolean, reason: string | null, checkins: Date[], partnerType: string) =>
      (
        await sql<{ r: string }>`select signaal_handover_respond(${id}::uuid, ${accept}, ${reason}, ${checkins.map((d) => d.toISOString())}::timestamptz[], ${partnerType}) as r`.execute(db)
      ).rows[0]!.r,
    feedback: async (id: string, feedback: string) =>
      (await sql<{ r: string }>`select signaal_handover_feedback(${id}::uuid, ${feedback}) as r`.execute(db)).rows[0]!.r,
    organisation: (id: string) => db.selectFrom('organisation').select(['id', 'name', 'kind', 'partner_type', 'region_code']).where('id', '=', id).executeTakeFirst(),
  };
}
