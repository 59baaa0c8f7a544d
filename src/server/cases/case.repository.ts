import { sql, type Kysely } from 'kysely';
import type { ScopedTx } from '../../db/scope.ts';
import type { Updateable } from 'kysely';
import type { CaseHandlingTable, CaseTaskTable, DB } from '../../db/schema.ts';
import { taskDue, type TaskKind } from '../../domain/cases/tasks.ts';
import { AppError } from '../errors.ts';

export type CaseErrorCode =
  | 'wrong_state'
  | 'wrong_decision'
  | 'not_team_lead'
  | 'not_assigned_to_you'
  | 'four_eyes'
  | 'unknown_assignee'
  | 'task_done'
  | 'not_extendable'
  | 'not_skippable'
  | 'unknown_partner'
  | 'unknown_person'
  | 'outcome_types'
  | 'already_checked'
  | 'checkin_done'
  | 'check_date_past'
  | 'reporter_not_shareable'
  | 'case_closed'
  | 'not_allowed_to_restrict'
  | 'bad_member';
export class CaseError extends AppError<CaseErrorCode> {}

/** What a timeline step records besides who and when: codes, not sentences, so screens translate. */
export interface StepRecord {
  code?: string | null;
  subject?: string | null;
  note?: string | null;
}

/**
 * Queries on the handling of meldingen. Only a scoped transaction: row-level security limits all
 * of it to the actor's region.
 */
export function caseRepository(db: ScopedTx | Kysely<DB>) {
  /** The INSERT of a new task with its statutory due date, not yet run. */
  const insertTask = (id: string, regionCode: string, kind: TaskKind, from: Date) =>
    db.insertInto('case_task').values({ contact_id: id, region_code: regionCode, kind, due: taskDue(kind, from), done_at: null, done_by: null, outcome: null, reason: null });
  const list = () =>
    db
      .selectFrom('case_handling as h')
      .innerJoin('contact as c', 'c.id', 'h.contact_id')
      .leftJoin('staff_user as a', 'a.id', 'h.assigned_to')
      .select([
        'h.contact_id as id',
        'h.state',
        'h.assessment_due',
        'h.assessed_at',
        'h.decision',
        'h.assigned_to',
        'h.assessed_by',
        'a.display_name as assigned_name',
        'c.received_at',
        'c.acute',
        'c.violence_type',
        'c.municipality_code',
        'c.region_code',
        'h.investigation_due',
        'h.investigation_concluded_at',
        'h.monitoring_signal_at',
        // The next open deadline of each kind, so the work list can show what is due first.
        sql<Date | null>`(select min(t.due) from case_task t where t.contact_id = h.contact_id and t.done_at is null)`.as('next_task_due'),
        sql<Date | null>`(select min(k.due) from case_checkin k where k.contact_id = h.contact_id and k.done_at is null)`.as('next_checkin_due'),
        sql<string | null>`(select to_char(min(v.check_on), 'YYYY-MM-DD') from case_condition v where v.contact_id = h.contact_id and v.checked_at is null)`.as('next_condition_check'),
        sql<string | null>`(select m.municipality_name from municipality_classification m where m.municipality_code = c.municipality_code order by m.year desc limit 1)`.as('municipality_name'),
      ]);
  return {
    open: (assignedTo?: string) => {
      let q = list().where('h.state', '!=', 'closed').orderBy('c.acute', 'desc').orderBy('h.assessment_due').limit(500);
      if (assignedTo) q = q.where('h.assigned_to', '=', assignedTo);
      return q.execute();
    },
    get: (id: string) => list().where('h.contact_id', '=', id).executeTakeFirst(),
    full: (id: string) => db.selectFrom('case_handling').selectAll().where('contact_id', '=', id).executeTakeFirst(),
    steps: (id: string) =>
      db
        .selectFrom('case_step as s')
        .leftJoin('staff_user as u', 'u.id', 's.by_user')
        .leftJoin('staff_user as t', 't.id', 's.subject_user')
        .select(['s.step', 's.at', 's.code', 's.note', 'u.display_name as by_name', 't.display_name as subject_name'])
        .where('s.contact_id', '=', id)
        .orderBy('s.at')
        .orderBy('s.id')
        .execute(),
    update: (id: string, set: Omit<Updateable<CaseHandlingTable>, 'contact_id' | 'region_code'>) =>
      db.updateTable('case_handling').set({ ...set, updated_at: new Date() }).where('contact_id', '=', id).execute(),
    addStep: (id: string, regionCode: string, step: string, by: string, what: StepRecord = {}) =>
      db
        .insertInto('case_step')
        .values({ contact_id: id, region_code: regionCode, step, by_user: by, code: what.code ?? null, subject_user: what.subject ?? null, note: what.note ?? null })
        .execute(),
    /** Follow-up event as in exchange-v1, so meldingen handled here count in the annual report. */
    addEvent: (id: string, regionCode: string, type: 'veiligheidsbeoordeling' | 'onderzoek' | 'veiligheidsvoorwaarden' | 'afsluiting', at: Date, by: string, outcome: string | null = null) =>
      db.insertInto('contact_event').values({ contact_id: id, region_code: regionCode, type, at, outcome, partner: null, created_by: by }).execute(),
    completeTask: (id: string, kind: TaskKind, by: string, at: Date) =>
      db.updateTable('case_task').set({ done_at: at, done_by: by, outcome: 'gedaan' }).where('contact_id', '=', id).where('kind', '=', kind).where('done_at', 'is', null).execute(),
    outcomes: (id: string) => db.selectFrom('case_investigation_outcome').select(['violence_type', 'outcome']).where('contact_id', '=', id).orderBy('violence_type').execute(),
    conditions: (id: string) => db.selectFrom('case_condition').selectAll().where('contact_id', '=', id).orderBy('check_on').orderBy('created_at').execute(),
    condition: (id: string, conditionId: string) => db.selectFrom('case_condition').selectAll().where('contact_id', '=', id).where('id', '=', conditionId).executeTakeFirst(),
    handovers: (id: string) =>
      db
        .selectFrom('case_handover as h')
        .innerJoin('organisation as o', 'o.id', 'h.organisation_id')
        .leftJoin('staff_user as s', 's.id', 'h.sent_by')
        .leftJoin('staff_user as r', 'r.id', 'h.responded_by')
        .select(['h.id', 'h.sent_at', 'h.status', 'h.responded_at', 'h.decline_reason', 'h.feedback', 'h.feedback_at', 'h.content', 'o.id as organisation_id', 'o.name as organisation_name', 'o.partner_type', 's.display_name as sent_by_name', 'r.display_name as responded_by_name'])
        .where('h.contact_id', '=', id)
        .orderBy('h.sent_at')
        .execute(),
    checkins: (id: string) =>
      db
        .selectFrom('case_checkin as k')
        .leftJoin('staff_user as u', 'u.id', 'k.done_by')
        .select(['k.id', 'k.due', 'k.done_at', 'k.outcome', 'k.note', 'u.display_name as done_by_name'])
        .where('k.contact_id', '=', id)
        .orderBy('k.due')
        .execute(),
    checkin: (id: string, checkinId: string) => db.selectFrom('case_checkin').selectAll().where('contact_id', '=', id).where('id', '=', checkinId).executeTakeFirst(),
    /** Partner organisations of the region's directory (row-level security: every staff member reads it). */
    partners: (regionCode: string) =>
      db.selectFrom('organisation').select(['id', 'name', 'partner_type']).where('kind', '=', 'partner').where('active', '=', true).where('region_code', '=', regionCode).orderBy('name').execute(),
    /**
     * Opens a task once per melding and kind; a second call (approval after a rejection) changes
     * nothing. Checked with a SELECT rather than ON CONFLICT, because ON CONFLICT also applies the
     * read policy, which intake (registering, without cases:read) does not pass.
     */
    openTask: async (id: string, regionCode: string, kind: TaskKind, from: Date) => {
      const exists = await db.selectFrom('case_task').select('id').where('contact_id', '=', id).where('kind', '=', kind).executeTakeFirst();
      if (exists) return;
      await insertTask(id, regionCode, kind, from).execute();
    },
    insertTask,
    tasks: (id: string) => db.selectFrom('case_task').selectAll().where('contact_id', '=', id).orderBy('due').execute(),
    task: (id: string, taskId: string) => db.selectFrom('case_task').selectAll().where('contact_id', '=', id).where('id', '=', taskId).executeTakeFirst(),
    updateTask: (taskId: string, set: Omit<Updateable<CaseTaskTable>, 'id' | 'contact_id' | 'region_code' | 'kind'>) =>
      db.updateTable('case_task').set(set).where('id', '=', taskId).execute(),
    assignees: () =>
      db
        .selectFrom('staff_user')
        .select(['id', 'display_name', 'role'])
        .where('role', 'in', ['casemanager', 'teamleider'])
        .where('disabled_at', 'is', null)
        .orderBy('display_name')
        .execute(),
    /** Assessments whose deadline fell in each month of a year, and how many were done in time. */
    norms: (year: number) =>
      sql<{ month: string; due: number; on_time: number; late_or_open: number }>`
        select to_char(assessment_due at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
               count(*)::int as due,
               count(*) filter (where assessed_at is not null and assessed_at <= assessment_due)::int as on_time,
               count(*) filter (where assessed_at is null or assessed_at > assessment_due)::int as late_or_open
        from case_handling
        where extract(year from assessment_due at time zone 'Europe/Amsterdam') = ${year}
          and (assessment_due < now() or assessed_at is not null)
        group by 1 order by 1`.execute(db),
    /** Investigations whose 10-week deadline fell in each month, and how many were concluded in time. */
    investigationNorms: (year: number) =>
      sql<{ month: string; due: number; on_time: number }>`
        select to_char(investigation_due at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
               count(*)::int as due,
               count(*) filter (where investigation_concluded_at is not null and investigation_concluded_at <= investigation_due)::int as on_time
        from case_handling
        where investigation_due is not null
          and extract(year from investigation_due at time zone 'Europe/Amsterdam') = ${year}
          and (investigation_due < now() or investigation_concluded_at is not null)
        group by 1 order by 1`.execute(db),
  };
}
