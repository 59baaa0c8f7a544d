import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let admin: Session;
let casemanager: Session;

beforeAll(async () => {
  ctx = await build();
  admin = await loginAs(ctx, 'admin', 'VR14');
  casemanager = await loginAs(ctx, 'casemanager', 'VR14');
});
afterAll(async () => ctx?.close());

async function regions(year: number) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/regions?year=${year}`, headers: casemanager.headers() });
  expect(res.statusCode).toBe(200);
  return res.json() as { classificationYear: number; regions: Array<{ code: string; name: string; municipalities: Array<{ code: string; name: string }> }> };
}

const gv = (r: Awaited<ReturnType<typeof regions>>) => r.regions.find((x) => x.code === 'VR14')!;

describe('regions and their municipalities', () => {
  it('are exact for 2020: 25 safety regions, 355 municipalities, Gooi en Vechtstreek as in seed 003', async () => {
    const r = await regions(2020);
    expect(r.classificationYear).toBe(2020);
    expect(r.regions).toHaveLength(25);
    expect(r.regions.reduce((n, x) => n + x.municipalities.length, 0)).toBe(355);
    expect(gv(r).name).toBe('Gooi en Vechtstreek');
    expect(gv(r).municipalities.map((m) => m.name)).toEqual(['Blaricum', 'Gooise Meren', 'Hilversum', 'Huizen', 'Laren (NH.)', 'Weesp', 'Wijdemeren']);
  });

  it('are exact for 2025: 342 municipalities, Weesp gone into Amsterdam', async () => {
    const r = await regions(2025);
    expect(r.classificationYear).toBe(2025);
    expect(r.regions.reduce((n, x) => n + x.municipalities.length, 0)).toBe(342);
    expect(gv(r).municipalities.map((m) => m.code)).not.toContain('GM0457');
  });

  it('answer the years between with the newest known classification before them', async () => {
    expect((await regions(2022)).classificationYear).toBe(2020);
    expect((await regions(2031)).classificationYear).toBe(2025);
    expect((await regions(2010)).classificationYear).toBe(2020);
  });

  it('can be changed by an admin from a given year on, leaving earlier years as they were', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/regions/assignments', headers: admin.headers(true), payload: { municipalityCode: 'GM0376', regionCode: 'VR09', fromYear: 2023 } });
    expect(res.statusCode).toBe(200);
    expect(gv(await regions(2022)).municipalities.map((m) => m.code)).toContain('GM0376');
    expect(gv(await regions(2023)).municipalities.map((m) => m.code)).not.toContain('GM0376');
    expect((await regions(2023)).classificationYear).toBe(2023);
    expect(gv(await regions(2025)).municipalities.map((m) => m.code)).not.toContain('GM0376');
    const cm = await ctx.app.inject({ method: 'POST', url: '/api/regions/assignments', headers: casemanager.headers(true), payload: { municipalityCode: 'GM0376', regionCode: 'VR14', fromYear: 2023 } });
    expect(cm.statusCode).toBe(403);
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/regions/assignments', headers: admin.headers(true), payload: { municipalityCode: 'GM0376', regionCode: 'VR99', fromYear: 2023 } });
    expect(unknown.statusCode).toBe(400);
  });
});
