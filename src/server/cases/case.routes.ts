import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, ScopedTx } from '../../db/scope.ts';
import { deadlineState, investigationDeadline, NORMS } from '../../domain/deadlines/deadlines.ts';
import { DUE_KINDS, nextDeadline } from '../../domain/cases/next-deadline.ts';
import { TASK_KINDS, taskDue, taskRefusal } from '../../domain/cases/tasks.ts';
import {
  allowedSteps,
  CASE_STATES,
  CHECKIN_OUTCOMES,
  CLOSE_REASONS,
  CONDITION_CHECKS,
  CONDITION_KINDS,
  DECISIONS,
  INVESTIGATION_DECISIONS,
  INVESTIGATION_OUTCOMES,
  nextState,
  PARTNER_TYPES,
  refusal,
  STEPS,
  type CaseFacts,
  type Decision,
  type Step,
} from '../../domain/cases/workflow.ts';
import { VIOLENCE_TYPES } from '../../domain/contacts/vocabulary.ts';
import { amsterdamDate, endOfAmsterdamDay } from '../../domain/deadlines/amsterdam-time.ts';
import { disclosableReporter } from '../../domain/households/disclosure.ts';
import type { HandoverContent } from '../../db/schema.ts';
import { contactRepository } from '../contacts/contact.repository.ts';
import { isUuid, recordNotFound, UUID_PATTERN } from '../errors.ts';
import { CaseError, caseRepository, type StepRecord } from './case.repository.ts';

const STATES = CASE_STATES;
const normMonth = z.object({ month: z.string(), due: z.number(), onTime: z.number(), share: z.number().nullable() });
const DEADLINE_STATES = ['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open'] as const;
const DATE = z.iso.date();

const caseSummary = z.object({
  id: z.string(),
  receivedAt: z.string(),
  acute: z.boolean(),
  municipalityName: z.string().nullable(),
  violenceType: z.string().nullable(),
  state: z.enum(STATES),
  assignedTo: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  assessmentDue: z.string(),
  deadline: z.enum(DEADLINE_STATES),
  decision: z.string().nullable(),
  /** The first open deadline of any kind (assessment, investigation, task, condition check, check-in). */
  nextDue: z.object({ kind: z.enum(DUE_KINDS), due: z.string(), deadline: z.enum(DEADLINE_STATES) }).nullable(),
  /** A new melding joined the household while this case was monitored. */
  monitoringSignal: z.boolean(),
});

const taskView = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  due: z.string(),
  deadline: z.enum(DEADLINE_STATES),
  extensions: z.number(),
  outcome: z.enum(['gedaan', 'overgeslagen']).nullable(),
  reason: z.string().nullable(),
  doneAt: z.string().nullable(),
});

type TaskRow = Awaited<ReturnType<ReturnType<typeof caseRepository>['tasks']>>[number];
function taskOut(t: TaskRow, now: Date) {
  return {
    id: t.id,
    kind: t.kind,
    due: new Date(t.due).toISOString(),
    deadline: deadlineState(new Date(t.due), now, t.done_at ? new Date(t.done_at) : null),
    extensions: t.extensions,
    outcome: t.outcome,
    reason: t.reason,
    doneAt: t.done_at ? new Date(t.done_at).toISOString() : null,
  };
}

const handoverContent = z.object({
  message: z.string(),
  municipalityName: z.string().nullable(),
  violenceType: z.string().nullable(),
  persons: z.array(z.object({ role: z.string(), name: z.string(), birthDate: z.string().nullable(), street: z.string().nullable(), postcode: z.string().nullable(), place: z.string().nullable() })),
  reporter: z.object({ type: z.string(), name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
});

const caseDetail = caseSummary.extend({
  acuteUnsafety: z.boolean().nullable(),
  structuralUnsafety: z.boolean().nullable(),
  assessmentSummary: z.string().nullable(),
  closeReason: z.string().nullable(),
  allowedSteps: z.array(z.enum(STEPS)),
  timeline: z.array(z.object({ step: z.string(), at: z.string(), by: z.string().nullable(), code: z.string().nullable(), subject: z.string().nullable(), note: z.string().nullable() })),
  tasks: z.array(taskView),
  investigation: z
    .object({
      startedAt: z.string(),
      due: z.string(),
      deadline: z.enum(DEADLINE_STATES),
      concludedAt: z.string().nullable(),
      summary: z.string().nullable(),
      outcomes: z.array(z.object({ violenceType: z.string(), outcome: z.enum(INVESTIGATION_OUTCOMES) })),
    })
    .nullable(),
  conditions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(CONDITION_KINDS),
      description: z.string(),
      due: z.string().nullable(),
      checkOn: z.string(),
      deadline: z.enum(DEADLINE_STATES),
      checkResult: z.enum(CONDITION_CHECKS).nullable(),
      checkedAt: z.string().nullable(),
      checkNote: z.string().nullable(),
    }),
  ),
  handovers: z.array(
    z.object({
      id: z.string(),
      organisation: z.object({ id: z.string(), name: z.string(), partnerType: z.string().nullable() }),
      sentAt: z.string(),
      sentBy: z.string().nullable(),
      status: z.enum(['verstuurd', 'geaccepteerd', 'afgewezen']),
      respondedAt: z.string().nullable(),
      respondedBy: z.string().nullable(),
      declineReason: z.string().nullable(),
      feedback: z.string().nullable(),
      feedbackAt: z.string().nullable(),
      content: handoverContent,
    }),
  ),
  checkins: z.array(
    z.object({ id: z.string(), due: z.string(), deadline: z.enum(DEADLINE_STATES), doneAt: z.string().nullable(), doneBy: z.string().nullable(), outcome: z.enum(CHECKIN_OUTCOMES).nullable(), note: z.string().nullable() }),
  ),
  monitoringSignalAt: z.string().nullable(),
});

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof caseRepository>['get']>>>;

function summary(r: Row, now: Date) {
  const due = new Date(r.assessment_due);
  return {
    id: r.id,
    receivedAt: new Date(r.received_at).toISOString(),
    acute: r.acute,
    municipalityName: r.municipality_name,
    violenceType: r.violence_type,
    state: r.state,
    assignedTo: r.assigned_to ? { id: r.assigned_to, displayName: r.assigned_name ?? '' } : null,
    assessmentDue: due.toISOString(),
    deadline: deadlineState(due, now, r.assessed_at ? new Date(r.assessed_at) : null),
    decision: r.decision,
    nextDue: nextDueOf(r, now),
    monitoringSignal: r.monitoring_signal_at !== null && r.state === 'monitoring',
  };
}

const asDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function nextDueOf(r: Row, now: Date) {
  const next = nextDeadline({
    state: r.state,
    assessmentDue: new Date(r.assessment_due),
    assessedAt: asDate(r.assessed_at),
    investigationDue: asDate(r.investigation_due),
    investigationConcludedAt: asDate(r.investigation_concluded_at),
    nextTaskDue: asDate(r.next_task_due),
    nextCheckinDue: asDate(r.next_checkin_due),
    nextConditionCheck: r.next_condition_check,
  });
  return next ? { kind: next.kind, due: next.due.toISOString(), deadline: deadlineState(next.due, now) } : null;
}

const MESSAGES: Record<string, string> = {
  wrong_state: 'Deze stap kan nu niet: de melding is in een andere fase',
  wrong_decision: 'Deze stap past niet bij het besluit dat geldt',
  not_team_lead: 'Alleen een teamleider kan dit doen',
  not_assigned_to_you: 'Deze melding is niet aan u toegewezen',
  four_eyes: 'Vier ogen: wie de beoordeling deed, kan het besluit niet zelf goedkeuren',
};

const isDecision = (v: string | null): v is Decision => v !== null && (DECISIONS as readonly string[]).includes(v);

function facts(r: Row): CaseFacts {
  // The decision takes effect only once approved: before that it is a proposal.
  const inForce = r.state !== 'registered' && r.state !== 'assigned' && r.state !== 'assessed';
  return { state: r.state, assignedTo: r.assigned_to, assessedBy: r.assessed_by, decision: inForce && isDecision(r.decision) ? r.decision : null };
}

function allowed(r: Row, actor: Actor): Step[] {
  return allowedSteps(facts(r), { id: actor.userId, role: actor.role });
}

export async function caseRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/cases', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Work list: open meldingen of the own region with their assessment deadline',
      tags: ['cases'],
      querystring: z.object({ mine: z.enum(['true', 'false']).default('false') }),
      response: {
        200: z.object({
          items: z.array(caseSummary),
          counts: z.object({ overdue: z.number(), dueToday: z.number(), atRisk: z.number(), open: z.number(), unassigned: z.number() }),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const now = new Date();
      const rows = await caseRepository(db).open(req.query.mine === 'true' ? actor.userId : undefined);
      const items = rows.map((r) => summary(r, now));
      for (const i of items) await audit({ action: 'case.list', recordType: 'contact', recordId: i.id, regionCode: actor.regionCode });
      // The overview counts each case once, by its first open deadline of any kind.
      const count = (s: string) => items.filter((i) => i.nextDue?.deadline === s).length;
      return {
        items,
        counts: { overdue: count('overdue'), dueToday: count('due-today'), atRisk: count('at-risk'), open: items.length, unassigned: items.filter((i) => !i.assignedTo).length },
      };
    }),
  );

  app.get('/api/cases/norms', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Per month: share of safety assessments within 5 working days (90% norm) and of investigations decided within 10 weeks (80% norm)',
      tags: ['cases'],
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: {
        200: z.object({
          year: z.number(),
          target: z.number(),
          months: z.array(normMonth),
          investigations: z.object({ target: z.number(), months: z.array(normMonth) }),
        }),
      },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const repo = caseRepository(db);
      const { rows } = await repo.norms(req.query.year);
      const investigations = await repo.investigationNorms(req.query.year);
      await audit({ action: 'case.norms', recordType: 'region', recordId: actor.regionCode, regionCode: actor.regionCode });
      const month = (r: { month: string; due: number; on_time: number }) => ({ month: r.month, due: r.due, onTime: r.on_time, share: r.due ? r.on_time / r.due : null });
      return {
        year: req.query.year,
        target: NORMS.assessment.target,
        months: rows.map(month),
        investigations: { target: NORMS.investigation.target, months: investigations.rows.map(month) },
      };
    }),
  );

  app.get('/api/cases/assignees', {
    config: { access: 'cases:assign' },
    schema: {
      summary: 'Casemanagers and team leads of the own region, to assign meldingen to',
      tags: ['cases'],
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db }) => ({ items: (await caseRepository(db).assignees()).map((u) => ({ id: u.id, displayName: u.display_name, role: u.role })) })),
  );

  app.get('/api/cases/:id', {
    config: { access: 'cases:read' },
    schema: { summary: 'One melding’s handling with its timeline', tags: ['cases'], params: z.object({ id: z.string().max(100) }), response: { 200: caseDetail } },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const id = req.params.id;
      const repo = caseRepository(db);
      const row = isUuid(id) ? await repo.get(id) : undefined;
      if (!row) throw recordNotFound('contact', id, 'case.read');
      const full = (await repo.full(id))!;
      const [steps, tasks, outcomes, conditions, handovers, checkins] = [
        await repo.steps(id),
        await repo.tasks(id),
        await repo.outcomes(id),
        await repo.conditions(id),
        await repo.handovers(id),
        await repo.checkins(id),
      ];
      await audit({ action: 'case.read', recordType: 'contact', recordId: id, regionCode: row.region_code });
      const now = new Date();
      const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
      return {
        ...summary(row, now),
        acuteUnsafety: full.acute_unsafety,
        structuralUnsafety: full.structural_unsafety,
        assessmentSummary: full.assessment_summary,
        closeReason: full.close_reason,
        allowedSteps: allowed(row, actor),
        timeline: steps.map((s) => ({ step: s.step, at: new Date(s.at).toISOString(), by: s.by_name, code: s.code, subject: s.subject_name, note: s.note })),
        tasks: tasks.map((t) => taskOut(t, now)),
        investigation:
          full.investigation_started_at && full.investigation_due
            ? {
                startedAt: new Date(full.investigation_started_at).toISOString(),
                due: new Date(full.investigation_due).toISOString(),
                deadline: deadlineState(new Date(full.investigation_due), now, asDate(full.investigation_concluded_at)),
                concludedAt: iso(full.investigation_concluded_at),
                summary: full.investigation_summary,
                outcomes: outcomes.map((o) => ({ violenceType: o.violence_type, outcome: o.outcome })),
              }
            : null,
        conditions: conditions.map((c) => ({
          id: c.id,
          kind: c.kind,
          description: c.description,
          due: c.due,
          checkOn: c.check_on,
          deadline: deadlineState(endOfAmsterdamDay(c.check_on), now, asDate(c.checked_at)),
          checkResult: c.check_result,
          checkedAt: iso(c.checked_at),
          checkNote: c.check_note,
        })),
        handovers: handovers.map((h) => ({
          id: h.id,
          organisation: { id: h.organisation_id, name: h.organisation_name, partnerType: h.partner_type },
          sentAt: new Date(h.sent_at).toISOString(),
          sentBy: h.sent_by_name,
          status: h.status,
          respondedAt: iso(h.responded_at),
          respondedBy: h.responded_by_name,
          declineReason: h.decline_reason,
          feedback: h.feedback,
          feedbackAt: iso(h.feedback_at),
          content: h.content,
        })),
        checkins: checkins.map((k) => ({
          id: k.id,
          due: new Date(k.due).toISOString(),
          deadline: deadlineState(new Date(k.due), now, asDate(k.done_at)),
          doneAt: iso(k.done_at),
          doneBy: k.done_by_name,
          outcome: k.outcome,
          note: k.note,
        })),
        monitoringSignalAt: iso(full.monitoring_signal_at),
      };
    }),
  );

  const STEP_PATHS: Record<Step, string> = {
    assign: 'assign',
    assess: 'assessment',
    approve: 'approve',
    reject: 'reject',
    'start-investigation': 'investigation/start',
    'conclude-investigation': 'investigation/conclusion',
    'set-conditions': 'conditions',
    'hand-over': 'handover',
    close: 'close',
  };

  /** Runs one workflow step: load in scope, check the rule, apply, record on the timeline and audit. */
  function step<B extends z.ZodType>(name: Step, access: 'cases:handle' | 'cases:assign', body: B, summaryText: string, apply: (b: z.infer<B>, ctx: { id: string; actor: Actor; repo: ReturnType<typeof caseRepository>; db: ScopedTx }) => Promise<StepRecord>) {
    app.post(`/api/cases/:id/${STEP_PATHS[name]}`, {
      config: { access },
      schema: { summary: summaryText, tags: ['cases'], params: z.object({ id: z.string().max(100) }), body, response: { 200: z.object({ state: z.enum(STATES) }) } },
    }, async (req) =>
      req.scoped(async ({ db, actor, audit }) => {
        const id = req.params.id;
        const repo = caseRepository(db);
        const row = isUuid(id) ? await repo.get(id) : undefined;
        if (!row) throw recordNotFound('contact', id, `case.${name}`);
        const why = refusal(name, facts(row), { id: actor.userId, role: actor.role });
        if (why) throw new CaseError(409, why, MESSAGES[why] ?? why, undefined, { action: `case.${name}`, recordType: 'contact', recordId: id, reason: why });
        const what = await apply(req.body as z.infer<B>, { id, actor, repo, db });
        const state = nextState(name);
        await repo.update(id, { state });
        await repo.addStep(id, row.region_code, name, actor.userId, what);
        // The audit entry carries the code only: free text may name people.
        await audit({ action: `case.${name}`, recordType: 'contact', recordId: id, regionCode: row.region_code, ...(what.code ? { reason: what.code } : {}) });
        return { state };
      }),
    );
  }

  step('assign', 'cases:assign', z.object({ userId: z.string().regex(UUID_PATTERN) }), 'Assign the melding to a casemanager', async (b, { id, repo }) => {
    const target = (await repo.assignees()).find((u) => u.id === b.userId);
    // A colleague outside the region is invisible here (row-level security), so cannot be chosen.
    if (!target) throw new CaseError(400, 'unknown_assignee', 'Kies een casemanager of teamleider van uw eigen regio');
    await repo.update(id, { assigned_to: target.id });
    return { subject: target.id };
  });

  step(
    'assess',
    'cases:handle',
    z.object({ acuteUnsafety: z.boolean(), structuralUnsafety: z.boolean(), decision: z.enum(DECISIONS), summary: z.string().trim().min(1).max(4000) }).strict(),
    'Record the safety assessment and propose the decision (needs a team lead’s approval)',
    async (b, { id, actor, repo }) => {
      await repo.update(id, { assessed_by: actor.userId, assessed_at: new Date(), acute_unsafety: b.acuteUnsafety, structural_unsafety: b.structuralUnsafety, decision: b.decision, assessment_summary: b.summary });
      return { code: b.decision };
    },
  );

  step('approve', 'cases:assign', z.object({}).strict(), 'Approve the proposed decision (four eyes)', async (_b, { id, actor, repo }) => {
    await repo.update(id, { decided_by: actor.userId, decided_at: new Date() });
    // The assessment counts as done (annual report, CBS) once approved, dated when it was made.
    const full = (await repo.full(id))!;
    await repo.addEvent(id, full.region_code, 'veiligheidsbeoordeling', new Date(full.assessed_at ?? new Date()), actor.userId);
    // The reporter hears the outcome of the assessment; an investigation must start in time.
    const now = new Date();
    await repo.openTask(id, full.region_code, 'terugkoppeling-beoordeling', now);
    if (full.decision === 'onderzoek') await repo.openTask(id, full.region_code, 'onderzoek-starten', now);
    return {};
  });

  step('reject', 'cases:assign', z.object({ reason: z.string().trim().min(1).max(2000) }).strict(), 'Send the assessment back to be redone', async (b, { id, repo }) => {
    await repo.update(id, { assessed_at: null, assessed_by: null, decision: null });
    return { note: b.reason };
  });


  step('start-investigation', 'cases:handle', z.object({}).strict(), 'Start the investigation (within 5 working days of the decision); its 10-week deadline starts now', async (_b, { id, actor, repo }) => {
    const now = new Date();
    await repo.update(id, { investigation_started_at: now, investigation_due: investigationDeadline(now), investigation_concluded_at: null });
    await repo.completeTask(id, 'onderzoek-starten', actor.userId, now);
    return {};
  });

  step(
    'conclude-investigation',
    'cases:handle',
    z
      .object({
        outcomes: z
          .array(z.object({ violenceType: z.enum(VIOLENCE_TYPES).exclude(['onbekend']), outcome: z.enum(INVESTIGATION_OUTCOMES) }).strict())
          .min(1)
          .max(5),
        decision: z.enum(INVESTIGATION_DECISIONS),
        summary: z.string().trim().min(1).max(4000),
      })
      .strict(),
    'Conclude the investigation: outcome per type of violence and the decision on follow-up',
    async (b, { id, actor, repo, db }) => {
      const types = b.outcomes.map((o) => o.violenceType);
      if (new Set(types).size !== types.length) throw new CaseError(400, 'outcome_types', 'Geef per soort geweld één uitkomst');
      const now = new Date();
      const full = (await repo.full(id))!;
      await db.insertInto('case_investigation_outcome').values(b.outcomes.map((o) => ({ contact_id: id, region_code: full.region_code, violence_type: o.violenceType, outcome: o.outcome }))).execute();
      await repo.update(id, { investigation_concluded_at: now, investigation_summary: b.summary, decision: b.decision });
      // exchange-v1 has one outcome per `onderzoek` event: the one for the melding's main type of
      // violence, else the first given (the others stay in case_investigation_outcome).
      const contact = await db.selectFrom('contact').select('violence_type').where('id', '=', id).executeTakeFirstOrThrow();
      const main = b.outcomes.find((o) => o.violenceType === contact.violence_type) ?? b.outcomes[0]!;
      await repo.addEvent(id, full.region_code, 'onderzoek', now, actor.userId, main.outcome);
      // The reporter hears the outcome of the investigation too (protocol, point 3).
      await repo.openTask(id, full.region_code, 'terugkoppeling-onderzoek', now);
      return { code: b.decision, note: b.outcomes.map((o) => `${o.violenceType}: ${o.outcome}`).join(', ') };
    },
  );

  step(
    'set-conditions',
    'cases:handle',
    z
      .object({
        items: z
          .array(
            z
              .object({
                kind: z.enum(CONDITION_KINDS),
                description: z.string().trim().min(1).max(2000),
                due: DATE.nullable().default(null),
                checkOn: DATE,
              })
              .strict(),
          )
          .min(1)
          .max(20),
      })
      .strict(),
    'Record safety conditions and safety agreements, each with the date it is checked',
    async (b, { id, actor, repo, db }) => {
      const today = amsterdamDate(new Date());
      if (b.items.some((i) => i.checkOn < today)) throw new CaseError(400, 'check_date_past', 'Een controledatum kan niet in het verleden liggen');
      const full = (await repo.full(id))!;
      await db
        .insertInto('case_condition')
        .values(b.items.map((i) => ({ contact_id: id, region_code: full.region_code, kind: i.kind, description: i.description, due: i.due, check_on: i.checkOn, created_by: actor.userId, check_result: null, checked_at: null, checked_by: null, check_note: null })))
        .execute();
      // The annual report counts a case's safety conditions once, when they are first set.
      if (full.state === 'decided') await repo.addEvent(id, full.region_code, 'veiligheidsvoorwaarden', new Date(), actor.userId);
      return { code: String(b.items.length) };
    },
  );

  step(
    'hand-over',
    'cases:handle',
    z
      .object({
        organisationId: z.string().regex(UUID_PATTERN),
        message: z.string().trim().min(1).max(4000),
        personIds: z.array(z.string().regex(UUID_PATTERN)).max(30).default([]),
        includeReporter: z.boolean().default(false),
      })
      .strict(),
    'Hand the household over to a partner organisation of the region, with only the data chosen',
    async (b, { id, actor, repo, db }) => {
      const full = (await repo.full(id))!;
      const partner = (await repo.partners(full.region_code)).find((o) => o.id === b.organisationId);
      if (!partner) throw new CaseError(400, 'unknown_partner', 'Kies een ketenpartner uit de lijst van uw regio');
      const contacts = contactRepository(db);
      const contact = (await contacts.get(id))!;
      const people = await contacts.persons(id);
      const chosen = b.personIds.map((pid) => people.find((p) => p.id === pid));
      if (chosen.some((p) => !p)) throw new CaseError(400, 'unknown_person', 'Kies alleen betrokkenen van deze melding');
      // The reporter goes along only when they agreed (art. 4.1.8); asking for more is refused, not ignored.
      const disclosure = disclosableReporter(
        { reporterType: contact.reporter_type, reporterGroup: contact.reporter_group, reporterName: contact.reporter_name, reporterContact: contact.reporter_contact, reporterShareable: contact.reporter_shareable },
        'partner',
      );
      if (b.includeReporter && !disclosure.shown) throw new CaseError(409, 'reporter_not_shareable', 'De melder heeft niet ingestemd met het noemen van zijn naam: die gaat niet mee');
      const content: HandoverContent = {
        message: b.message,
        municipalityName: contact.municipality_name,
        violenceType: contact.violence_type,
        // No BSN: a partner identifies the family by name, birth date and address (need-to-know).
        persons: chosen.map((p) => ({ role: p!.role, name: p!.name, birthDate: p!.birth_date, street: p!.street, postcode: p!.postcode, place: p!.place })),
        reporter: b.includeReporter && disclosure.shown ? { type: disclosure.reporterType, name: disclosure.reporterName, contact: disclosure.reporterContact } : null,
      };
      await db.insertInto('case_handover').values({ contact_id: id, region_code: full.region_code, organisation_id: partner.id, content: JSON.stringify(content), sent_by: actor.userId }).execute();
      await repo.update(id, { state_before_handover: full.state });
      return { code: partner.partner_type, note: partner.name };
    },
  );

  step('close', 'cases:handle', z.object({ reason: z.enum(CLOSE_REASONS), note: z.string().max(2000).default('') }).strict(), 'Close the handling with a reason', async (b, { id, actor, repo }) => {
    const closedAt = new Date();
    await repo.update(id, { closed_at: closedAt, close_reason: b.reason });
    const full = (await repo.full(id))!;
    await repo.addEvent(id, full.region_code, 'afsluiting', closedAt, actor.userId);
    return { code: b.reason, note: b.note || null };
  });
  const TASK_MESSAGES: Record<string, string> = {
    task_done: 'Deze taak is al afgerond',
    not_extendable: 'Alleen het informeren van betrokkenen kan worden verlengd',
    not_skippable: 'Alleen het informeren van betrokkenen kan worden overgeslagen',
  };

  /** A task action: complete (done), extend (informing: +2 weeks, reason) or skip (informing, reason). */
  for (const action of ['complete', 'extend', 'skip'] as const) {
    app.post(`/api/cases/:id/tasks/:taskId/${action}`, {
      config: { access: 'cases:handle' },
      schema: {
        summary: action === 'complete' ? 'Mark a task done' : action === 'extend' ? 'Extend informing the people involved by 2 weeks, with a reason' : 'Skip informing, with the reason (e.g. it would endanger someone)',
        tags: ['cases'],
        params: z.object({ id: z.string().max(100), taskId: z.string().max(100) }),
        body: action === 'complete' ? z.object({ note: z.string().max(2000).default('') }).strict() : z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: taskView },
      },
    }, async (req) =>
      req.scoped(async ({ db, actor, audit }) => {
        const { id, taskId } = req.params;
        const repo = caseRepository(db);
        const task = isUuid(id) && isUuid(taskId) ? await repo.task(id, taskId) : undefined;
        if (!task) throw recordNotFound('case_task', taskId, `case.task.${action}`);
        const why = taskRefusal(action, task.kind, task.done_at !== null);
        if (why) throw new CaseError(409, why, TASK_MESSAGES[why] ?? why, undefined, { action: `case.task.${action}`, recordType: 'case_task', recordId: taskId, reason: why });
        const body = req.body as { note?: string; reason?: string };
        const now = new Date();
        if (action === 'extend') {
          const contact = await db.selectFrom('contact').select('received_at').where('id', '=', id).executeTakeFirstOrThrow();
          await repo.updateTask(taskId, { extensions: task.extensions + 1, due: taskDue(task.kind, new Date(contact.received_at), task.extensions + 1), reason: body.reason ?? null });
        } else {
          await repo.updateTask(taskId, { done_at: now, done_by: actor.userId, outcome: action === 'skip' ? 'overgeslagen' : 'gedaan', reason: (action === 'skip' ? body.reason : body.note) || null });
        }
        await repo.addStep(id, task.region_code, `task-${action}`, actor.userId, { code: task.kind, note: (body.reason ?? body.note) || null });
        await audit({ action: `case.task.${action}`, recordType: 'case_task', recordId: taskId, regionCode: task.region_code, reason: task.kind });
        return taskOut((await repo.task(id, taskId))!, now);
      }),
    );
  }

  /** Loads a case for a follow-up action on one of its items: in scope, open, and the caller handles it. */
  async function handledCase(repo: ReturnType<typeof caseRepository>, id: string, actor: Actor, action: string) {
    const row = isUuid(id) ? await repo.get(id) : undefined;
    if (!row) throw recordNotFound('contact', id, action);
    if (row.state === 'closed') throw new CaseError(409, 'case_closed', 'Deze melding is afgesloten', undefined, { action, recordType: 'contact', recordId: id, reason: 'case_closed' });
    if (row.assigned_to !== actor.userId && actor.role !== 'teamleider') {
      throw new CaseError(409, 'not_assigned_to_you', MESSAGES.not_assigned_to_you!, undefined, { action, recordType: 'contact', recordId: id, reason: 'not_assigned_to_you' });
    }
    return row;
  }

  app.post('/api/cases/:id/conditions/:conditionId/check', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record the check of a safety condition or agreement: kept, partly kept or not kept',
      tags: ['cases'],
      params: z.object({ id: z.string().max(100), conditionId: z.string().max(100) }),
      body: z.object({ result: z.enum(CONDITION_CHECKS), note: z.string().trim().max(2000).default('') }).strict(),
      response: { 200: z.object({ id: z.string(), checkResult: z.enum(CONDITION_CHECKS) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const { id, conditionId } = req.params;
      const repo = caseRepository(db);
      const row = await handledCase(repo, id, actor, 'case.condition.check');
      const condition = isUuid(conditionId) ? await repo.condition(id, conditionId) : undefined;
      if (!condition) throw recordNotFound('case_condition', conditionId, 'case.condition.check');
      if (condition.checked_at) throw new CaseError(409, 'already_checked', 'Deze voorwaarde is al gecontroleerd');
      await db.updateTable('case_condition').set({ check_result: req.body.result, checked_at: new Date(), checked_by: actor.userId, check_note: req.body.note || null }).where('id', '=', conditionId).execute();
      await repo.addStep(id, row.region_code, 'condition-check', actor.userId, { code: req.body.result, note: req.body.note || null });
      await audit({ action: 'case.condition.check', recordType: 'case_condition', recordId: conditionId, regionCode: row.region_code, reason: req.body.result });
      return { id: conditionId, checkResult: req.body.result };
    }),
  );

  app.post('/api/cases/:id/checkins/:checkinId', {
    config: { access: 'cases:handle' },
    schema: {
      summary: 'Record a monitoring check-in with its outcome',
      tags: ['cases'],
      params: z.object({ id: z.string().max(100), checkinId: z.string().max(100) }),
      body: z.object({ outcome: z.enum(CHECKIN_OUTCOMES), note: z.string().trim().max(2000).default('') }).strict(),
      response: { 200: z.object({ id: z.string(), outcome: z.enum(CHECKIN_OUTCOMES) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const { id, checkinId } = req.params;
      const repo = caseRepository(db);
      const row = await handledCase(repo, id, actor, 'case.checkin');
      const checkin = isUuid(checkinId) ? await repo.checkin(id, checkinId) : undefined;
      if (!checkin) throw recordNotFound('case_checkin', checkinId, 'case.checkin');
      if (checkin.done_at) throw new CaseError(409, 'checkin_done', 'Dit contactmoment is al vastgelegd');
      await db.updateTable('case_checkin').set({ done_at: new Date(), done_by: actor.userId, outcome: req.body.outcome, note: req.body.note || null }).where('id', '=', checkinId).execute();
      // A check-in after a new melding arrived means the casemanager has contacted the household
      // since: the signal is dealt with (it stays on the timeline).
      await repo.update(id, { monitoring_signal_at: null, monitoring_signal_contact: null });
      await repo.addStep(id, row.region_code, 'checkin', actor.userId, { code: req.body.outcome, note: req.body.note || null });
      await audit({ action: 'case.checkin', recordType: 'case_checkin', recordId: checkinId, regionCode: row.region_code, reason: req.body.outcome });
      return { id: checkinId, outcome: req.body.outcome };
    }),
  );

  app.get('/api/cases/partners', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'The partner organisations of the own region to hand a household over to',
      tags: ['cases'],
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), partnerType: z.enum(PARTNER_TYPES) })) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor }) => ({
      items: (await caseRepository(db).partners(actor.regionCode)).map((o) => ({ id: o.id, name: o.name, partnerType: o.partner_type ?? 'overig' })),
    })),
  );
}
