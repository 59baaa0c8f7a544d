import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../db/scope.ts';
import { deadlineState, NORMS } from '../../domain/deadlines/deadlines.ts';
import { TASK_KINDS, taskDue, taskRefusal } from '../../domain/cases/tasks.ts';
import { CLOSE_REASONS, DECISIONS, nextState, refusal, type CaseFacts, type Step } from '../../domain/cases/workflow.ts';
import { isUuid, recordNotFound, UUID_PATTERN } from '../errors.ts';
import { CaseError, caseRepository, type StepRecord } from './case.repository.ts';

const STATES = ['registered', 'assigned', 'assessed', 'decided', 'closed'] as const;
const DEADLINE_STATES = ['done-on-time', 'done-late', 'overdue', 'due-today', 'at-risk', 'open'] as const;

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

const caseDetail = caseSummary.extend({
  acuteUnsafety: z.boolean().nullable(),
  structuralUnsafety: z.boolean().nullable(),
  assessmentSummary: z.string().nullable(),
  closeReason: z.string().nullable(),
  allowedSteps: z.array(z.enum(['assign', 'assess', 'approve', 'reject', 'close'])),
  timeline: z.array(z.object({ step: z.string(), at: z.string(), by: z.string().nullable(), code: z.string().nullable(), subject: z.string().nullable(), note: z.string().nullable() })),
  tasks: z.array(taskView),
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
  };
}

const MESSAGES: Record<string, string> = {
  wrong_state: 'Deze stap kan nu niet: de melding is in een andere fase',
  not_team_lead: 'Alleen een teamleider kan dit doen',
  not_assigned_to_you: 'Deze melding is niet aan u toegewezen',
  four_eyes: 'Vier ogen: wie de beoordeling deed, kan het besluit niet zelf goedkeuren',
};

function facts(r: Row): CaseFacts {
  return { state: r.state, assignedTo: r.assigned_to, assessedBy: r.assessed_by };
}

function allowed(r: Row, actor: Actor): Step[] {
  const who = { id: actor.userId, role: actor.role };
  return (['assign', 'assess', 'approve', 'reject', 'close'] as const).filter((s) => refusal(s, facts(r), who) === null);
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
      const count = (s: string) => items.filter((i) => i.deadline === s).length;
      return {
        items,
        counts: { overdue: count('overdue'), dueToday: count('due-today'), atRisk: count('at-risk'), open: items.length, unassigned: items.filter((i) => !i.assignedTo).length },
      };
    }),
  );

  app.get('/api/cases/norms', {
    config: { access: 'cases:read' },
    schema: {
      summary: 'Per month: share of safety assessments within 5 working days, against the 90% norm',
      tags: ['cases'],
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { 200: z.object({ year: z.number(), target: z.number(), months: z.array(z.object({ month: z.string(), due: z.number(), onTime: z.number(), share: z.number().nullable() })) }) },
    },
  }, async (req) =>
    req.scoped(async ({ db, actor, audit }) => {
      const { rows } = await caseRepository(db).norms(req.query.year);
      await audit({ action: 'case.norms', recordType: 'region', recordId: actor.regionCode, regionCode: actor.regionCode });
      return {
        year: req.query.year,
        target: NORMS.assessment.target,
        months: rows.map((r) => ({ month: r.month, due: r.due, onTime: r.on_time, share: r.due ? r.on_time / r.due : null })),
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
      const steps = await repo.steps(id);
      const tasks = await repo.tasks(id);
      await audit({ action: 'case.read', recordType: 'contact', recordId: id, regionCode: row.region_code });
      return {
        ...summary(row, new Date()),
        acuteUnsafety: full.acute_unsafety,
        structuralUnsafety: full.structural_unsafety,
        assessmentSummary: full.assessment_summary,
        closeReason: full.close_reason,
        allowedSteps: allowed(row, actor),
        timeline: steps.map((s) => ({ step: s.step, at: new Date(s.at).toISOString(), by: s.by_name, code: s.code, subject: s.subject_name, note: s.note })),
        tasks: tasks.map((t) => taskOut(t, new Date())),
      };
    }),
  );

  /** Runs one workflow step: load in scope, check the rule, apply, record on the timeline and audit. */
  function step<B extends z.ZodType>(name: Step, access: 'cases:handle' | 'cases:assign', body: B, summaryText: string, apply: (b: z.infer<B>, ctx: { id: string; actor: Actor; repo: ReturnType<typeof caseRepository> }) => Promise<StepRecord>) {
    app.post(`/api/cases/:id/${name === 'assess' ? 'assessment' : name}`, {
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
        const what = await apply(req.body as z.infer<B>, { id, actor, repo });
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
}
