import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { addWorkingDays } from '../../domain/deadlines/working-days.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let intake: Session;
let cm: Session;
let cm2: Session;
let lead: Session;
let lead2: Session;

const melding = (over: Record<string, unknown> = {}) => ({
  kind: 'melding',
  receivedAt: new Date().toISOString(),
  municipalityCode: 'GM0402',
  channel: 'politie',
  reporterType: 'beroepsmatig',
  reporterGroup: 'politie',
  violenceType: 'partnergeweld',
  summary: 'Politie was ter plaatse na ruzie (verzonnen).',
  ...over,
});

beforeAll(async () => {
  ctx = await build();
  [intake, cm, cm2, lead, lead2] = [
    await loginAs(ctx, 'intake', 'VR14'),
    await loginAs(ctx, 'casemanager', 'VR14'),
    await loginAs(ctx, 'casemanager', 'VR14'),
    await loginAs(ctx, 'teamleider', 'VR14'),
    await loginAs(ctx, 'teamleider', 'VR14'),
  ];
});
afterAll(async () => ctx?.close());

async function register(over: Record<string, unknown> = {}) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: intake.headers(true), payload: melding(over) });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const post = (s: Session, id: string, step: string, payload: object = {}) =>
  ctx.app.inject({ method: 'POST', url: `/api/cases/${id}/${step}`, headers: s.headers(true), payload });
const detail = async (s: Session, id: string) => (await ctx.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: s.headers() })).json();

describe('handling a melding', () => {
  it('runs from registration through assignment, assessment and four-eyes approval to closing, all on the timeline', async () => {
    const receivedAt = '2026-04-24T08:00:00+02:00'; // Friday before King's Day
    const id = await register({ receivedAt });
    let d = await detail(lead, id);
    expect(d).toMatchObject({ state: 'registered', assignedTo: null, allowedSteps: ['assign'] });
    expect(amsterdamDate(new Date(d.assessmentDue))).toBe(addWorkingDays('2026-04-24', 5));
    expect(amsterdamDate(new Date(d.assessmentDue))).toBe('2026-05-04');

    expect((await post(cm, id, 'assign', { userId: cm.userId })).statusCode).toBe(403); // casemanagers don't assign
    expect((await post(lead, id, 'assign', { userId: cm.userId })).json()).toEqual({ state: 'assigned' });

    const assessment = { acuteUnsafety: false, structuralUnsafety: true, decision: 'overdracht', summary: 'Structureel onveilig; wijkteam neemt over.' };
    const notMine = await post(cm2, id, 'assessment', assessment);
    expect(notMine.statusCode).toBe(409);
    expect(notMine.json().code).toBe('not_assigned_to_you');
    expect((await post(cm, id, 'assessment', assessment)).json()).toEqual({ state: 'assessed' });

    // Four eyes: the team lead approves, the casemanager cannot.
    expect((await post(cm, id, 'approve')).statusCode).toBe(403);
    expect((await post(lead, id, 'approve')).json()).toEqual({ state: 'decided' });
    expect((await post(cm, id, 'close', { reason: 'overgedragen' })).json()).toEqual({ state: 'closed' });

    d = await detail(cm, id);
    expect(d).toMatchObject({ state: 'closed', decision: 'overdracht', structuralUnsafety: true, closeReason: 'overgedragen', deadline: 'done-late' });
    expect(d.timeline.map((t: { step: string }) => t.step)).toEqual(['register', 'assign', 'assess', 'approve', 'close']);
    expect(d.timeline[1]).toMatchObject({ step: 'assign', code: null, subject: expect.stringContaining('casemanager'), note: null });
    expect(d.timeline[2]).toMatchObject({ step: 'assess', code: 'overdracht', by: expect.stringContaining('casemanager') });
    expect(d.timeline[3].by).toContain('teamleider');
    expect(d.timeline[4]).toMatchObject({ step: 'close', code: 'overgedragen', note: null });
    const events = await ctx.database.db.selectFrom('contact_event').select(['type', 'at']).where('contact_id', '=', id).orderBy('at').execute();
    expect(events.map((e) => e.type)).toEqual(['veiligheidsbeoordeling', 'afsluiting']);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('record_id', '=', id).orderBy('seq').execute();
    expect(audit.filter((a) => a.outcome === 'allowed').map((a) => a.action)).toEqual(expect.arrayContaining(['contact.create', 'case.assign', 'case.assess', 'case.approve', 'case.close']));
    expect(audit.filter((a) => a.outcome === 'denied').map((a) => a.action)).toEqual(expect.arrayContaining(['case.assess']));
  });

  it('refuses a team lead approving their own assessment, and a rejection sends it back', async () => {
    const id = await register();
    await post(lead, id, 'assign', { userId: lead.userId });
    await post(lead, id, 'assessment', { acuteUnsafety: true, structuralUnsafety: false, decision: 'onderzoek', summary: 'Acuut.' });
    const own = await post(lead, id, 'approve');
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('four_eyes');
    expect((await post(lead2, id, 'reject', { reason: 'Kinderen niet gesproken' })).json()).toEqual({ state: 'assigned' });
    const d = await detail(lead, id);
    expect(d).toMatchObject({ decision: null, deadline: expect.stringMatching(/open|at-risk|due-today/) });
    expect(d.timeline.at(-1)).toMatchObject({ step: 'reject', note: 'Kinderen niet gesproken' });
  });

  it('puts acute meldingen first, due within hours yet not late from the start, and counts the work list', async () => {
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const id = await register({ acute: true, receivedAt });
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/cases', headers: lead.headers() })).json();
    expect(list.items[0]).toMatchObject({ id, acute: true });
    expect(Date.parse(list.items[0].assessmentDue) - Date.parse(receivedAt)).toBe(4 * 3600_000);
    expect(list.items[0].deadline).not.toBe('overdue');
    expect(list.counts.unassigned).toBeGreaterThan(0);
    const mine = (await ctx.app.inject({ method: 'GET', url: '/api/cases?mine=true', headers: cm.headers() })).json();
    expect(mine.items.every((i: { assignedTo: { id: string } | null }) => i.assignedTo?.id === cm.userId)).toBe(true);
  });

  it('reports the share of assessments on time per month', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/cases/norms?year=2026', headers: lead.headers() });
    const body = res.json();
    expect(body.target).toBe(0.9);
    const may = body.months.find((m: { month: string }) => m.month === '2026-05');
    expect(may).toMatchObject({ due: 1, onTime: 0, share: 0 }); // the April melding was assessed after its 4 May deadline
  });

  it('is invisible to another region and to roles without case access', async () => {
    const id = await register();
    const amsterdam = await loginAs(ctx, 'teamleider', 'VR13');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: amsterdam.headers() })).statusCode).toBe(404);
    expect((await post(amsterdam, id, 'assign', { userId: amsterdam.userId })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/cases', headers: intake.headers() })).statusCode).toBe(403);
    // A colleague of another region cannot be assigned either.
    expect((await post(lead, id, 'assign', { userId: amsterdam.userId })).json().code).toBe('unknown_assignee');
  });

  it('keeps tasks with deadlines: informing within 4 weeks (extendable or skipped with a reason), feedback and investigation start after approval', async () => {
    const receivedAt = '2026-11-02T09:00:00+01:00';
    const id = await register({ receivedAt });
    let d = await detail(lead, id);
    expect(d.tasks.map((t: { kind: string }) => t.kind)).toEqual(['informeren']);
    const inform = d.tasks[0];
    expect(amsterdamDate(new Date(inform.due))).toBe('2026-11-30');

    await post(lead, id, 'assign', { userId: cm.userId });
    await post(cm, id, 'assessment', { acuteUnsafety: false, structuralUnsafety: true, decision: 'onderzoek', summary: 'Onduidelijk beeld.' });
    await post(lead, id, 'approve');
    d = await detail(cm, id);
    expect(d.tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['informeren', 'onderzoek-starten', 'terugkoppeling-beoordeling']);
    const feedback = d.tasks.find((t: { kind: string }) => t.kind === 'terugkoppeling-beoordeling');

    const task = (taskId: string, action: string, payload: object) =>
      ctx.app.inject({ method: 'POST', url: `/api/cases/${id}/tasks/${taskId}/${action}`, headers: cm.headers(true), payload });
    const extended = await task(inform.id, 'extend', { reason: 'Moeder pas na de vakantie bereikbaar' });
    expect(extended.json()).toMatchObject({ extensions: 1, outcome: null });
    expect(amsterdamDate(new Date(extended.json().due))).toBe('2026-12-14');
    expect((await task(inform.id, 'extend', {})).statusCode).toBe(400); // a reason is required
    expect((await task(feedback.id, 'extend', { reason: 'x' })).json().code).toBe('not_extendable');
    expect((await task(feedback.id, 'complete', { note: 'Melder gebeld' })).json()).toMatchObject({ outcome: 'gedaan' });
    expect((await task(feedback.id, 'complete', {})).json().code).toBe('task_done');
    expect((await task(inform.id, 'skip', { reason: 'Informeren brengt het kind in gevaar' })).json()).toMatchObject({ outcome: 'overgeslagen', reason: 'Informeren brengt het kind in gevaar' });
    d = await detail(cm, id);
    expect(d.timeline.map((t: { step: string }) => t.step)).toEqual(expect.arrayContaining(['task-extend', 'task-complete', 'task-skip']));
    // Out of scope: another region gets a 404 for the task, like for the case.
    const amsterdam = await loginAs(ctx, 'casemanager', 'VR13');
    expect((await ctx.app.inject({ method: 'POST', url: `/api/cases/${id}/tasks/${inform.id}/complete`, headers: amsterdam.headers(true), payload: {} })).statusCode).toBe(404);
  });
});
