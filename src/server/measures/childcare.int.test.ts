import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let school: Session;
let kdv: Session;
let wijkteam: Session;
let analyst: Session;

beforeAll(async () => {
  ctx = await build();
  for (const [name, type] of [['School C (test)', 'school'], ['KDV D (test)', 'kinderopvang']] as const) {
    await ctx.database.db.insertInto('organisation').values({ name, kind: 'partner', partner_type: type, region_code: 'VR14' }).execute();
  }
  school = await loginAs(ctx, 'partner', 'VR14', { organisation: 'School C (test)' });
  kdv = await loginAs(ctx, 'partner', 'VR14', { organisation: 'KDV D (test)' });
  wijkteam = await loginAs(ctx, 'partner', 'VR14');
  analyst = await loginAs(ctx, 'analyst', 'VR14');
});
afterAll(async () => ctx?.close());

const put = (s: Session, payload: object) => ctx.app.inject({ method: 'PUT', url: '/api/emergency-childcare', headers: s.headers(true), payload });

describe('emergency childcare', () => {
  it('takes weekly counts per municipality from schools and childcare, and gives the weekly monitor', async () => {
    expect((await put(school, { municipalityCode: 'GM0402', week: '2026-11-24', children: 3 })).json().code).toBe('not_a_monday');
    expect((await put(wijkteam, { municipalityCode: 'GM0402', week: '2026-11-23', children: 3 })).json().code).toBe('not_registering_organisation');
    expect((await put(school, { municipalityCode: 'GM9999', week: '2026-11-23', children: 3 })).json().code).toBe('unknown_municipality');
    expect((await put(school, { municipalityCode: 'GM0402', week: '2026-11-23', children: 3 })).json()).toMatchObject({ municipalityName: 'Hilversum', children: 3 });
    expect((await put(school, { municipalityCode: 'GM0402', week: '2026-11-23', children: 4 })).json().children).toBe(4); // a correction, not a second count
    await put(kdv, { municipalityCode: 'GM0402', week: '2026-11-23', children: 2 });
    await put(kdv, { municipalityCode: 'GM0402', week: '2026-11-16', children: 1 });

    const weekly = (await ctx.app.inject({ method: 'GET', url: '/api/emergency-childcare/weekly?from=2026-11-01&to=2026-11-30', headers: analyst.headers() })).json().items;
    expect(weekly).toEqual([
      { week: '2026-11-23', municipalityCode: 'GM0402', municipalityName: 'Hilversum', regionCode: 'VR14', children: 6, locations: 2 },
      { week: '2026-11-16', municipalityCode: 'GM0402', municipalityName: 'Hilversum', regionCode: 'VR14', children: 1, locations: 1 },
    ]);
    // Each organisation sees only its own registrations; a partner gets no monitor.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/emergency-childcare/mine', headers: school.headers() })).json().items).toHaveLength(1);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/emergency-childcare/weekly?from=2026-11-01&to=2026-11-30', headers: school.headers() })).statusCode).toBe(403);
  });
});
