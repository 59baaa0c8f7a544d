import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let police: Session;
let school: Session;
let otherSchool: Session;
let wijkteam: Session;

async function partnerOrg(name: string, type: 'politie' | 'school') {
  await ctx.database.db.insertInto('organisation').values({ name, kind: 'partner', partner_type: type, region_code: 'VR14' }).execute();
}

beforeAll(async () => {
  ctx = await build();
  await partnerOrg('Politie Gooi (test)', 'politie');
  await partnerOrg('School A (test)', 'school');
  await partnerOrg('School B (test)', 'school');
  police = await loginAs(ctx, 'partner', 'VR14', { organisation: 'Politie Gooi (test)' });
  school = await loginAs(ctx, 'partner', 'VR14', { organisation: 'School A (test)' });
  otherSchool = await loginAs(ctx, 'partner', 'VR14', { organisation: 'School B (test)' });
  wijkteam = await loginAs(ctx, 'partner', 'VR14');
});
afterAll(async () => ctx?.close());

const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers() });

describe('Handle with Care', () => {
  it('tells only the child’s school, by the next school morning, that the child may need care, and nothing more', async () => {
    const schools = (await get(police, '/api/hwc/schools')).json().items as { id: string; name: string }[];
    const a = schools.find((s) => s.name === 'School A (test)')!;
    const signal = { schoolId: a.id, childName: 'Lotte Verzonnen', childBirthDate: '2015-02-02', childGroup: 'groep 6', incidentOn: '2026-11-20' };
    expect((await post(wijkteam, '/api/hwc/signals', signal)).json().code).toBe('not_police');
    expect((await post(school, '/api/hwc/signals', signal)).statusCode).toBe(403);
    const sent = await post(police, '/api/hwc/signals', signal);
    expect(sent.statusCode).toBe(201);
    expect(sent.json().dueAt).toBe('2026-11-23T07:00:00.000Z'); // Friday's incident: Monday 08:00

    const seen = (await get(school, '/api/hwc/signals')).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ childName: 'Lotte Verzonnen', childGroup: 'groep 6', incidentOn: null, acknowledgedAt: null });
    expect((await get(otherSchool, '/api/hwc/signals')).json().items).toEqual([]);
    expect((await get(wijkteam, '/api/hwc/signals')).json().items).toEqual([]);
    expect((await post(otherSchool, `/api/hwc/signals/${seen[0].id}/acknowledge`)).statusCode).toBe(404);
    expect((await post(school, `/api/hwc/signals/${seen[0].id}/acknowledge`)).statusCode).toBe(200);
    expect((await post(school, `/api/hwc/signals/${seen[0].id}/acknowledge`)).json().code).toBe('already_acknowledged');
    // The police see what they sent, with the date; the school's view never had it.
    expect((await get(police, '/api/hwc/signals')).json().items[0]).toMatchObject({ incidentOn: '2026-11-20', acknowledgedAt: expect.any(String) });
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('record_id', '=', seen[0].id).execute();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['hwc.send', 'hwc.read', 'hwc.acknowledge']));
  });
});
