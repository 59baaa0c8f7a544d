import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate } from '../../domain/deadlines/amsterdam-time.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { cbsTable } from '../reports/cbs-delivery.ts';

let ctx: TestContext;
let intake: Session;
let cm: Session;
let lead: Session;
let partner: Session;
let otherPartner: Session;
let admin: Session;
let wijkteamId: string;
let opvangId: string;

const melding = (over: Record<string, unknown> = {}) => ({
  kind: 'melding',
  receivedAt: new Date(Date.now() - 3600_000).toISOString(),
  municipalityCode: 'GM0402',
  channel: 'politie',
  reporterType: 'beroepsmatig',
  reporterGroup: 'huisarts',
  reporterName: 'Dokter Verzonnen',
  reporterContact: '035-0000000',
  violenceType: 'kindermishandeling',
  summary: 'Blauwe plekken bij een kind (verzonnen).',
  persons: [
    { role: 'kind', name: 'Sam Testkind', birthDate: '2016-05-01', street: 'Teststraat 1', postcode: '1211AA', place: 'Hilversum', bsn: null },
    { role: 'pleger', name: 'Piet Testvader', birthDate: '1980-01-01', street: 'Teststraat 1', postcode: '1211AA', place: 'Hilversum', bsn: null },
  ],
  ...over,
});

beforeAll(async () => {
  ctx = await build();
  [intake, cm, lead, admin] = [await loginAs(ctx, 'intake', 'VR14'), await loginAs(ctx, 'casemanager', 'VR14'), await loginAs(ctx, 'teamleider', 'VR14'), await loginAs(ctx, 'admin', 'VR14')];
  partner = await loginAs(ctx, 'partner', 'VR14', { organisation: 'Wijkteam Hilversum (test)' });
  otherPartner = await loginAs(ctx, 'partner', 'VR14', { organisation: 'Vrouwenopvang Gooi (test)' });
  const orgs = (await ctx.app.inject({ method: 'GET', url: '/api/partner-organisations', headers: admin.headers() })).json().items as { id: string; name: string }[];
  wijkteamId = orgs.find((o) => o.name === 'Wijkteam Hilversum (test)')!.id;
  opvangId = orgs.find((o) => o.name === 'Vrouwenopvang Gooi (test)')!.id;
});
afterAll(async () => ctx?.close());

const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers() });
const detail = async (id: string) => (await get(cm, `/api/cases/${id}`)).json();

/** Registers a melding and takes it to an approved decision. */
async function decided(decision: string, over: Record<string, unknown> = {}) {
  const res = await post(intake, '/api/contacts', melding(over));
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  await post(lead, `/api/cases/${id}/assign`, { userId: cm.userId });
  expect((await post(cm, `/api/cases/${id}/assessment`, { acuteUnsafety: false, structuralUnsafety: true, decision, summary: 'Beoordeeld (verzonnen).' })).statusCode).toBe(200);
  expect((await post(lead, `/api/cases/${id}/approve`)).json()).toEqual({ state: 'decided' });
  return id;
}

describe('handover to a partner and monitoring', () => {
  it('hands over only the chosen data; the partner accepts; monitoring check-ins run for a year', async () => {
    const id = await decided('overdracht');
    let d = await detail(id);
    expect(d.allowedSteps).toEqual(['hand-over', 'close']);
    const persons = (await get(cm, `/api/contacts/${id}`)).json().persons as { id: string; role: string }[];
    const child = persons.find((p) => p.role === 'kind')!;

    const partners = (await get(cm, '/api/cases/partners')).json().items as { id: string }[];
    expect(partners.map((p) => p.id)).toEqual(expect.arrayContaining([wijkteamId, opvangId]));
    // The professional reporter did not agree to be named: asking to include them is refused.
    const refused = await post(cm, `/api/cases/${id}/handover`, { organisationId: wijkteamId, message: 'Graag hulp.', personIds: [child.id], includeReporter: true });
    expect(refused.json().code).toBe('reporter_not_shareable');
    expect((await post(cm, `/api/cases/${id}/handover`, { organisationId: wijkteamId, message: 'Gezin heeft hulp nodig bij opvoeding (verzonnen).', personIds: [child.id] })).json()).toEqual({ state: 'handover' });

    // The partner sees the handover: the message and the one person chosen, no reporter, no BSN.
    const list = (await get(partner, '/api/handovers')).json().items;
    expect(list).toHaveLength(1);
    const seen = (await get(partner, `/api/handovers/${list[0].id}`)).json();
    expect(seen.content).toEqual({
      message: 'Gezin heeft hulp nodig bij opvoeding (verzonnen).',
      municipalityName: 'Hilversum',
      violenceType: 'kindermishandeling',
      persons: [{ role: 'kind', name: 'Sam Testkind', birthDate: '2016-05-01', street: 'Teststraat 1', postcode: '1211AA', place: 'Hilversum' }],
      reporter: null,
    });
    expect(JSON.stringify(seen)).not.toContain('Dokter');
    // The partner has no access to the Veilig Thuis file itself, and another partner sees nothing.
    expect((await get(partner, `/api/cases/${id}`)).statusCode).toBe(403);
    expect((await get(partner, `/api/contacts/${id}`)).statusCode).toBe(403);
    expect((await get(otherPartner, '/api/handovers')).json().items).toEqual([]);
    expect((await get(otherPartner, `/api/handovers/${list[0].id}`)).statusCode).toBe(404);
    expect((await post(otherPartner, `/api/handovers/${list[0].id}/accept`)).statusCode).toBe(404);
    // While the partner has not answered, Veilig Thuis cannot close or hand over again.
    expect((await detail(id)).allowedSteps).toEqual([]);

    expect((await post(partner, `/api/handovers/${list[0].id}/accept`)).json()).toEqual({ status: 'geaccepteerd' });
    expect((await post(partner, `/api/handovers/${list[0].id}/accept`)).json().code).toBe('already_answered');
    expect((await post(partner, `/api/handovers/${list[0].id}/feedback`, { feedback: 'Eerste gesprek gevoerd (verzonnen).' })).statusCode).toBe(200);

    d = await detail(id);
    expect(d.state).toBe('monitoring');
    expect(d.handovers[0]).toMatchObject({ status: 'geaccepteerd', organisation: { name: 'Wijkteam Hilversum (test)' }, feedback: 'Eerste gesprek gevoerd (verzonnen).' });
    expect(d.checkins).toHaveLength(5);
    const last = d.checkins.at(-1);
    const yearAfter = new Date();
    yearAfter.setUTCFullYear(yearAfter.getUTCFullYear() + 1);
    expect(amsterdamDate(new Date(last.due)) >= amsterdamDate(new Date(yearAfter.getTime() - 2 * 86400_000))).toBe(true);
    expect(d.nextDue).toMatchObject({ kind: expect.stringMatching(/taak|monitoring/) });

    const checkin = await post(cm, `/api/cases/${id}/checkins/${d.checkins[0].id}`, { outcome: 'veilig', note: 'Moeder gebeld; het gaat beter (verzonnen).' });
    expect(checkin.json()).toEqual({ id: d.checkins[0].id, outcome: 'veilig' });
    expect((await post(cm, `/api/cases/${id}/checkins/${d.checkins[0].id}`, { outcome: 'zorgen' })).json().code).toBe('checkin_done');
    d = await detail(id);
    expect(d.checkins[0]).toMatchObject({ outcome: 'veilig', deadline: 'done-on-time' });
    expect(d.timeline.map((t: { step: string }) => t.step)).toEqual(
      expect.arrayContaining(['hand-over', 'handover-accepted', 'partner-feedback', 'checkin']),
    );
    expect(d.allowedSteps).toEqual(['close']);

    // The annual report counts the handover (with the partner type) and the monitoring.
    const events = await ctx.database.db.selectFrom('contact_event').select(['type', 'partner']).where('contact_id', '=', id).execute();
    expect(events).toEqual(expect.arrayContaining([{ type: 'overdracht', partner: 'lokaal-team' }, { type: 'monitoring', partner: null }]));
    // Every step and every look of the partner is in the audit trail.
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('outcome', '=', 'allowed').where('action', 'like', 'handover.%').execute();
    expect(audit.filter((a) => a.actor_id === partner.userId).map((a) => a.action)).toEqual(expect.arrayContaining(['handover.list', 'handover.read', 'handover.accept', 'handover.feedback']));
  });

  it('lets a partner decline with a reason, after which another partner can be chosen', async () => {
    const id = await decided('overdracht');
    await post(cm, `/api/cases/${id}/handover`, { organisationId: opvangId, message: 'Opvang nodig (verzonnen).' });
    const [h] = (await get(otherPartner, '/api/handovers')).json().items;
    expect((await post(otherPartner, `/api/handovers/${h.id}/decline`, {})).statusCode).toBe(400);
    expect((await post(otherPartner, `/api/handovers/${h.id}/decline`, { reason: 'Geen plek; wijkteam past beter' })).json()).toEqual({ status: 'afgewezen' });
    const d = await detail(id);
    expect(d.state).toBe('decided');
    expect(d.handovers[0]).toMatchObject({ status: 'afgewezen', declineReason: 'Geen plek; wijkteam past beter' });
    expect(d.allowedSteps).toContain('hand-over');
    expect((await post(otherPartner, `/api/handovers/${h.id}/feedback`, { feedback: 'x' })).json().code).toBe('not_accepted');
  });

  it('names a reporter who agreed, and flags a new melding on a monitored household', async () => {
    const id = await decided('overdracht', { reporterShareable: true });
    const joined = await post(intake, `/api/contacts/${id}/household`, { new: true });
    expect(joined.statusCode, joined.body).toBe(200);
    const household = joined.json().householdId as string;
    await post(cm, `/api/cases/${id}/handover`, { organisationId: wijkteamId, message: 'Met toestemming van de melder.', includeReporter: true });
    const mine = (await get(partner, '/api/handovers')).json().items as { id: string; status: string }[];
    const open = mine.find((h) => h.status === 'verstuurd')!;
    expect((await get(partner, `/api/handovers/${open.id}`)).json().content.reporter).toEqual({ type: 'beroepsmatig', name: 'Dokter Verzonnen', contact: '035-0000000' });
    await post(partner, `/api/handovers/${open.id}/accept`);
    expect((await detail(id)).monitoringSignal).toBe(false);

    // A new melding about the same household, joined by the intake worker (who cannot see cases).
    const second = (await post(intake, '/api/contacts', melding({ reporterName: null, reporterContact: null, reporterType: 'particulier', reporterGroup: 'burger' }))).json().id as string;
    const second2 = await post(intake, `/api/contacts/${second}/household`, { householdId: household });
    expect(second2.statusCode, second2.body).toBe(200);
    const d = await detail(id);
    expect(d.monitoringSignal).toBe(true);
    expect(d.timeline.at(-1).step).toBe('new-melding-during-monitoring');
    const list = (await get(cm, '/api/cases')).json().items as { id: string; monitoringSignal: boolean }[];
    expect(list.find((i) => i.id === id)?.monitoringSignal).toBe(true);

    // CBS 85361 counts the second melding as a repeat report and as one during monitoring, and
    // keeps counting it after the casemanager's check-in has dealt with the signal.
    const receivedAt = (await ctx.database.db.selectFrom('contact').select('received_at').where('id', '=', second).executeTakeFirstOrThrow()).received_at;
    const [year, month] = amsterdamDate(receivedAt).split('-').map(Number) as [number, number];
    const repeats = async () => {
      const t = (await cbsTable(ctx.database.db, '85361', { year, half: month <= 6 ? 1 : 2 }, { threshold: 0, roundingBase: 1 }))!;
      const [, herhaald, monitoring] = t.rows.find((r) => r.region === 'Gooi en Vechtstreek (VT)')!.values;
      return { herhaald, monitoring };
    };
    expect(await repeats()).toEqual({ herhaald: 1, monitoring: 1 });
    const checkin = (await detail(id)).checkins[0];
    expect((await post(cm, `/api/cases/${id}/checkins/${checkin.id}`, { outcome: 'veilig' })).statusCode).toBe(200);
    expect((await detail(id)).monitoringSignal).toBe(false);
    expect(await repeats()).toEqual({ herhaald: 1, monitoring: 1 });
  });
});

describe('investigation and safety conditions', () => {
  it('starts an investigation, decides within 10 weeks with an outcome per type, and opens feedback to the reporter', async () => {
    const id = await decided('onderzoek');
    expect((await post(cm, `/api/cases/${id}/handover`, { organisationId: wijkteamId, message: 'x' })).json().code).toBe('wrong_decision');
    expect((await post(cm, `/api/cases/${id}/investigation/start`)).json()).toEqual({ state: 'investigation' });
    let d = await detail(id);
    expect(d.tasks.find((t: { kind: string }) => t.kind === 'onderzoek-starten').outcome).toBe('gedaan');
    const started = new Date(d.investigation.startedAt);
    const due = new Date(d.investigation.due);
    expect(amsterdamDate(due)).toBe(amsterdamDate(new Date(started.getTime() + 70 * 86400_000)));

    const dup = await post(cm, `/api/cases/${id}/investigation/conclusion`, {
      outcomes: [{ violenceType: 'kindermishandeling', outcome: 'bevestigd' }, { violenceType: 'kindermishandeling', outcome: 'weerlegd' }],
      decision: 'overdracht',
      summary: 'x',
    });
    expect(dup.json().code).toBe('outcome_types');
    const done = await post(cm, `/api/cases/${id}/investigation/conclusion`, {
      outcomes: [{ violenceType: 'kindermishandeling', outcome: 'bevestigd' }, { violenceType: 'partnergeweld', outcome: 'niet-bevestigd' }],
      decision: 'voorwaarden-en-vervolg',
      summary: 'Kindermishandeling bevestigd (verzonnen).',
    });
    expect(done.json()).toEqual({ state: 'decided' });
    d = await detail(id);
    expect(d).toMatchObject({ decision: 'voorwaarden-en-vervolg', investigation: { deadline: 'done-on-time', outcomes: [{ violenceType: 'kindermishandeling', outcome: 'bevestigd' }, { violenceType: 'partnergeweld', outcome: 'niet-bevestigd' }] } });
    expect(d.tasks.map((t: { kind: string }) => t.kind)).toContain('terugkoppeling-onderzoek');
    const events = await ctx.database.db.selectFrom('contact_event').select(['type', 'outcome']).where('contact_id', '=', id).where('type', '=', 'onderzoek').execute();
    expect(events).toEqual([{ type: 'onderzoek', outcome: 'bevestigd' }]);

    // Voorwaarden & vervolg: conditions with dates, then checked.
    const today = amsterdamDate(new Date());
    expect((await post(cm, `/api/cases/${id}/conditions`, { items: [{ kind: 'voorwaarde', description: 'x', checkOn: '2020-01-01' }] })).json().code).toBe('check_date_past');
    const set = await post(cm, `/api/cases/${id}/conditions`, {
      items: [
        { kind: 'voorwaarde', description: 'Vader slaat de kinderen niet meer (verzonnen).', checkOn: today },
        { kind: 'afspraak', description: 'Moeder belt het wijkteam binnen een week.', due: today, checkOn: today },
      ],
    });
    expect(set.json()).toEqual({ state: 'conditions' });
    d = await detail(id);
    expect(d.conditions).toHaveLength(2);
    expect(d.nextDue).toMatchObject({ kind: expect.stringMatching(/controle|taak/) });
    const check = await post(cm, `/api/cases/${id}/conditions/${d.conditions[0].id}/check`, { result: 'nagekomen', note: 'Huisbezoek.' });
    expect(check.json()).toMatchObject({ checkResult: 'nagekomen' });
    expect((await post(cm, `/api/cases/${id}/conditions/${d.conditions[0].id}/check`, { result: 'nagekomen' })).json().code).toBe('already_checked');
    expect((await detail(id)).allowedSteps).toEqual(['set-conditions', 'hand-over', 'close']);
    const vv = await ctx.database.db.selectFrom('contact_event').select('type').where('contact_id', '=', id).where('type', '=', 'veiligheidsvoorwaarden').execute();
    expect(vv).toHaveLength(1);
  });

  it('reports the share of investigations decided within 10 weeks', async () => {
    const id = await decided('onderzoek');
    await post(cm, `/api/cases/${id}/investigation/start`);
    // An investigation that started long ago and is still open counts as late in its month.
    const started = new Date('2026-01-05T09:00:00Z');
    await ctx.database.db.updateTable('case_handling').set({ investigation_started_at: started, investigation_due: new Date('2026-03-16T22:59:59.999Z') }).where('contact_id', '=', id).execute();
    const norms = (await get(lead, '/api/cases/norms?year=2026')).json();
    expect(norms.investigations.target).toBe(0.8);
    expect(norms.investigations.months.find((m: { month: string }) => m.month === '2026-03')).toMatchObject({ due: 1, onTime: 0, share: 0 });
  });

  it('keeps the directory per region: only an admin adds partners, and not in another region', async () => {
    const created = await post(admin, '/api/partner-organisations', { name: 'GGD Gooi (test)', partnerType: 'ggd' });
    expect(created.statusCode).toBe(201);
    expect((await post(admin, '/api/partner-organisations', { name: 'GGD Gooi (test)', partnerType: 'ggd' })).json().code).toBe('name_taken');
    expect((await post(cm, '/api/partner-organisations', { name: 'X', partnerType: 'ggd' })).statusCode).toBe(403);
    const amsterdamAdmin = await loginAs(ctx, 'admin', 'VR13');
    expect((await ctx.app.inject({ method: 'PUT', url: `/api/partner-organisations/${created.json().id}`, headers: amsterdamAdmin.headers(true), payload: { name: 'Overgenomen', partnerType: 'ggd' } })).statusCode).toBe(404);
    const amsterdamCm = await loginAs(ctx, 'casemanager', 'VR13');
    expect((await get(amsterdamCm, '/api/cases/partners')).json().items.map((p: { id: string }) => p.id)).not.toContain(created.json().id);
  });
});
