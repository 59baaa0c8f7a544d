import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let intake: Session;
let cm: Session;
let lead: Session;
const orgs: Record<string, string> = {};

beforeAll(async () => {
  ctx = await build();
  [intake, cm, lead] = [await loginAs(ctx, 'intake', 'VR14'), await loginAs(ctx, 'casemanager', 'VR14'), await loginAs(ctx, 'teamleider', 'VR14')];
  for (const [name, type, region] of [['Wijkteam E (test)', 'lokaal-team', 'VR14'], ['Reclassering F (test)', 'reclassering', 'VR14'], ['GI Amsterdam (test)', 'gi', 'VR13']] as const) {
    orgs[name] = (await ctx.database.db.insertInto('organisation').values({ name, kind: 'partner', partner_type: type, region_code: region }).returning('id').executeTakeFirstOrThrow()).id;
  }
});
afterAll(async () => ctx?.close());

const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });

async function assessed(structural: boolean) {
  const id = (await post(intake, '/api/contacts', { kind: 'melding', receivedAt: new Date().toISOString(), municipalityCode: 'GM0402', reporterType: 'beroepsmatig', reporterGroup: 'politie', violenceType: 'partnergeweld', summary: 'Herhaald geweld (verzonnen).' })).json().id as string;
  await post(lead, `/api/cases/${id}/assign`, { userId: cm.userId });
  await post(cm, `/api/cases/${id}/assessment`, { acuteUnsafety: false, structuralUnsafety: structural, decision: 'overdracht', summary: 'x' });
  return id;
}

describe('MDA++', () => {
  it('makes one plan with a director, participants, dated goals and meetings, for structural unsafety only', async () => {
    const light = await assessed(false);
    const body = { directorName: 'Dirk Regisseur', directorOrganisationId: orgs['Wijkteam E (test)']!, participantIds: [orgs['Wijkteam E (test)']!, orgs['Reclassering F (test)']!], summary: 'Samen één plan.' };
    expect((await post(cm, `/api/cases/${light}/mda`, body)).json().code).toBe('not_structural');
    const id = await assessed(true);
    expect((await post(cm, `/api/cases/${id}/mda`, { ...body, participantIds: [orgs['Wijkteam E (test)']!, orgs['GI Amsterdam (test)']!] })).json().code).toBe('unknown_organisation');
    const created = await post(cm, `/api/cases/${id}/mda`, body);
    expect(created.statusCode).toBe(201);
    const plan = created.json().plan;
    expect(plan.participants.map((p: { name: string }) => p.name)).toEqual(['Wijkteam E (test)', 'Reclassering F (test)']);
    expect((await post(cm, `/api/cases/${id}/mda`, body)).json().code).toBe('plan_exists');
    const withGoal = (await post(cm, `/api/mda/${plan.id}/goals`, { kind: 'afspraak', description: 'Vader volgt een agressietraining.', due: '2027-01-15', ownerOrganisationId: orgs['Reclassering F (test)'] })).json().plan;
    expect(withGoal.goals[0]).toMatchObject({ owner: 'Reclassering F (test)', deadline: 'open', doneAt: null });
    const done = (await post(cm, `/api/mda/${plan.id}/goals/${withGoal.goals[0].id}/done`)).json().plan;
    expect(done.goals[0].deadline).toBe('done-on-time');
    const met = (await post(cm, `/api/mda/${plan.id}/meetings`, { heldOn: '2026-11-20', minutes: 'Eerste overleg, verzonnen verslag.' })).json().plan;
    expect(met.meetings).toEqual([{ id: expect.any(String), heldOn: '2026-11-20', minutes: 'Eerste overleg, verzonnen verslag.', by: expect.stringContaining('casemanager') }]);
    const amsterdam = await loginAs(ctx, 'casemanager', 'VR13');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/cases/${id}/mda`, headers: amsterdam.headers() })).statusCode).toBe(404);
    expect((await post(amsterdam, `/api/mda/${plan.id}/meetings`, { heldOn: '2026-11-21', minutes: 'x' })).statusCode).toBe(404);
  });
});
