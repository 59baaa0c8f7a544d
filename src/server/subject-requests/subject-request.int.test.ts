import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let intake: Session;
let cm: Session;
let lead: Session;

beforeAll(async () => {
  ctx = await build();
  [intake, cm, lead] = await Promise.all([loginAs(ctx, 'intake', 'VR14'), loginAs(ctx, 'casemanager', 'VR14'), loginAs(ctx, 'teamleider', 'VR14')]);
});
afterAll(async () => ctx?.close());

const STORY = 'Verzonnen verhaal: de buurvrouw zag het door het raam';
const REPORTER = 'Verzonnen Buurvrouw';

async function melding() {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/contacts',
    headers: intake.headers(true),
    payload: {
      kind: 'melding',
      receivedAt: '2026-03-02T10:00:00+01:00',
      reporterType: 'particulier',
      reporterGroup: 'burger',
      reporterName: REPORTER,
      violenceType: 'partnergeweld',
      summary: STORY,
      persons: [
        { role: 'slachtoffer', name: 'Verzonnen Vrouw', birthDate: '1985-02-03', street: 'Verzonnenlaan 1', postcode: '1211AB', place: 'Hilversum', bsn: '111222333' },
        { role: 'pleger', name: 'Verzonnen Man', birthDate: '1983-04-05', street: null, postcode: null, place: null, bsn: null },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; persons: { id: string; name: string }[] }>();
}

const register = async (s: Session, contactId: string, personId: string, kind: string, receivedOn = '2026-03-10') => {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/subject-requests`, headers: s.headers(true), payload: { personId, kind, receivedOn, note: 'Per brief' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; dueOn: string }>();
};

describe('data subject requests', () => {
  it('exports the person’s own data only: no other person, no reporter, no story', async () => {
    const m = await melding();
    const victim = m.persons.find((p) => p.name === 'Verzonnen Vrouw')!;
    const r = await register(cm, m.id, victim.id, 'inzage');
    expect(r.dueOn).toBe('2026-04-10');
    const res = await ctx.app.inject({ method: 'GET', url: `/api/subject-requests/${r.id}/export`, headers: cm.headers() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="inzage-/);
    const body = res.json<{ person: { name: string; bsn: string }; file: { violenceType: string }; withheld: { otherPersons: number; reporter: boolean } }>();
    expect(body.person).toMatchObject({ name: 'Verzonnen Vrouw', bsn: '111222333' });
    expect(body.file.violenceType).toBe('partnergeweld');
    expect(body.withheld).toMatchObject({ otherPersons: 1, reporter: true });
    expect(res.body).not.toContain('Verzonnen Man');
    expect(res.body).not.toContain(REPORTER);
    expect(res.body).not.toContain(STORY);
    const list = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${m.id}/subject-requests`, headers: cm.headers() })).json<{ items: { status: string; dueOn: string }[] }>();
    expect(list.items).toEqual([expect.objectContaining({ status: 'afgehandeld', dueOn: '2026-04-10' })]);
    // Intake workers and other regions do not get it.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/subject-requests/${r.id}/export`, headers: intake.headers() })).statusCode).toBe(403);
    const amsterdam = await loginAs(ctx, 'casemanager', 'VR13');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/subject-requests/${r.id}/export`, headers: amsterdam.headers() })).statusCode).toBe(404);
  });

  it('records a correction of the person, audited by field name only', async () => {
    const m = await melding();
    const r = await register(cm, m.id, m.persons[0]!.id, 'correctie');
    const res = await ctx.app.inject({ method: 'POST', url: `/api/subject-requests/${r.id}/correction`, headers: cm.headers(true), payload: { field: 'place', value: 'Bussum', reason: 'Verhuisd vóór de melding' } });
    expect(res.statusCode, res.body).toBe(200);
    const c = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${m.id}`, headers: cm.headers() })).json<{ persons: { name: string; place: string }[] }>();
    expect(c.persons.find((p) => p.name === 'Verzonnen Vrouw')?.place).toBe('Bussum');
    const audit = await ctx.database.db.selectFrom('audit_log').select(['reason']).where('action', '=', 'subject_request.correct').where('record_id', '=', r.id).execute();
    expect(audit).toEqual([{ reason: 'place' }]);
  });

  it('has a deletion decided within 3 months by someone else, with the reason kept; granted erases the file', async () => {
    const m = await melding();
    const r = await register(lead, m.id, m.persons[0]!.id, 'verwijdering', '2026-11-30');
    expect(r.dueOn).toBe('2027-02-28');
    // A casemanager may not decide; the team lead who registered it may not either (four eyes).
    expect((await ctx.app.inject({ method: 'POST', url: `/api/subject-requests/${r.id}/decision`, headers: cm.headers(true), payload: { decision: 'toegewezen', reason: 'x' } })).statusCode).toBe(403);
    const own = await ctx.app.inject({ method: 'POST', url: `/api/subject-requests/${r.id}/decision`, headers: lead.headers(true), payload: { decision: 'toegewezen', reason: 'x' } });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'four_eyes' });

    const other = await loginAs(ctx, 'teamleider', 'VR14');
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/subject-requests/${r.id}/decision`, headers: other.headers(true), payload: { decision: 'toegewezen', reason: 'Geen zorgen meer; verzoek gegrond' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const c = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${m.id}`, headers: cm.headers() })).json<{ summary: string; reporterName: string | null; persons: { name: string }[] }>();
    expect(c.summary).toBe('');
    expect(c.reporterName).toBeNull();
    expect(c.persons.map((p) => p.name)).toEqual(['-', '-']);
    const list = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${m.id}/subject-requests`, headers: cm.headers() })).json<{ items: { status: string; decisionReason: string; decidedBy: string }[] }>();
    expect(list.items[0]).toMatchObject({ status: 'toegewezen', decisionReason: 'Geen zorgen meer; verzoek gegrond' });
    expect((await ctx.app.inject({ method: 'POST', url: `/api/subject-requests/${r.id}/decision`, headers: other.headers(true), payload: { decision: 'afgewezen', reason: 'x' } })).statusCode).toBe(409);
  });
});
