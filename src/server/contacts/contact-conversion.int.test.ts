import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let intake: Session;
let lead: Session;

beforeAll(async () => {
  ctx = await build();
  intake = await loginAs(ctx, 'intake', 'VR14');
  lead = await loginAs(ctx, 'teamleider', 'VR14');
});
afterAll(async () => ctx?.close());

async function advies() {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/contacts',
    headers: intake.headers(true),
    payload: { kind: 'advies', receivedAt: '2026-11-02T10:00:00+01:00', municipalityCode: 'GM0402', channel: 'telefoon', reporterType: 'beroepsmatig', reporterGroup: 'onderwijs', summary: 'Juf twijfelt over blauwe plekken (verzonnen).' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const convert = (s: Session, id: string, payload: object) => ctx.app.inject({ method: 'POST', url: `/api/contacts/${id}/convert`, headers: s.headers(true), payload });

describe('turning an advies into a melding', () => {
  it('makes a linked melding with its own deadline and keeps the advies and its history', async () => {
    const id = await advies();
    const before = Date.now();
    const res = await convert(intake, id, { violenceType: 'kindermishandeling', note: 'Ouders willen geen hulp.' });
    expect(res.statusCode).toBe(201);
    const melding = res.json();
    expect(melding).toMatchObject({ kind: 'melding', convertedFrom: id, convertedTo: null, violenceType: 'kindermishandeling', municipalityCode: 'GM0402', channel: 'telefoon', reporterGroup: 'onderwijs' });
    expect(melding.summary).toContain('blauwe plekken');
    expect(melding.summary).toContain('Ouders willen geen hulp.');
    expect(Date.parse(melding.receivedAt)).toBeGreaterThanOrEqual(before - 1000);

    const old = (await ctx.app.inject({ method: 'GET', url: `/api/contacts/${id}`, headers: intake.headers() })).json();
    expect(old).toMatchObject({ kind: 'advies', convertedTo: melding.id, summary: 'Juf twijfelt over blauwe plekken (verzonnen).' });

    const c = (await ctx.app.inject({ method: 'GET', url: `/api/cases/${melding.id}`, headers: lead.headers() })).json();
    expect(c.state).toBe('registered');
    expect(c.timeline.map((t: { step: string }) => t.step)).toEqual(['register', 'converted']);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('action', '=', 'contact.convert').execute();
    expect(audit).toEqual([{ action: 'contact.convert', record_id: id }]);
  });

  it('happens once, only for an advies, and only in the own region', async () => {
    const id = await advies();
    const first = await convert(intake, id, { violenceType: 'partnergeweld' });
    expect((await convert(intake, id, { violenceType: 'partnergeweld' })).json().code).toBe('already_converted');
    expect((await convert(intake, first.json().id, { violenceType: 'partnergeweld' })).json().code).toBe('not_an_advies');
    const amsterdam = await loginAs(ctx, 'intake', 'VR13');
    expect((await convert(amsterdam, await advies(), { violenceType: 'partnergeweld' })).statusCode).toBe(404);
    const analyst = await loginAs(ctx, 'analyst', 'VR14');
    expect((await convert(analyst, await advies(), { violenceType: 'partnergeweld' })).statusCode).toBe(403);
  });
});
