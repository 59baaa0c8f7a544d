import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

let ctx: TestContext;
let gooi: Session;
let amsterdam: Session;
let cm: Session;
let partner: Session;
let analyst: Session;

beforeAll(async () => {
  ctx = await build();
  gooi = await loginAs(ctx, 'opvang', 'VR14', { organisation: 'Opvang Gooi (test)' });
  amsterdam = await loginAs(ctx, 'opvang', 'VR13', { organisation: 'Opvang Amsterdam (test)' });
  cm = await loginAs(ctx, 'casemanager', 'VR14');
  partner = await loginAs(ctx, 'partner', 'VR14');
  analyst = await loginAs(ctx, 'analyst', 'VR14');
});
afterAll(async () => ctx?.close());

const put = (s: Session, payload: object) => ctx.app.inject({ method: 'PUT', url: '/api/shelters/mine', headers: s.headers(true), payload });
const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers(true), payload });
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers() });

describe('shelter places', () => {
  it('are published by the shelter, seen across regions, held by a worker of another region, and counted', async () => {
    expect((await put(gooi, { regularPlaces: 4, regularOccupied: 5, crisisPlaces: 1, crisisOccupied: 1 })).json().code).toBe('occupied_above_places');
    expect((await put(gooi, { regularPlaces: 4, regularOccupied: 4, crisisPlaces: 1, crisisOccupied: 1 })).statusCode).toBe(200);
    const ams = (await put(amsterdam, { regularPlaces: 10, regularOccupied: 9, crisisPlaces: 2, crisisOccupied: 1 })).json();
    expect(ams.crisis).toEqual({ places: 2, occupied: 1, held: 0, free: 1 });
    // A wijkteam cannot publish places, even with a hand-made request.
    expect((await put(partner, { regularPlaces: 1, regularOccupied: 0, crisisPlaces: 0, crisisOccupied: 0 })).statusCode).toBe(403);

    // The casemanager of Gooi sees both regions; Gooi is full, so a crisis place in Amsterdam is held.
    const seen = (await get(cm, '/api/shelters')).json().items as { organisationId: string; region: { code: string }; crisis: { free: number } }[];
    expect(seen.map((s) => s.region.code).sort()).toEqual(['VR13', 'VR14']);
    const gooiShelter = seen.find((s) => s.region.code === 'VR14')!;
    expect((await post(cm, `/api/shelters/${gooiShelter.organisationId}/holds`, { kind: 'crisis' })).json().code).toBe('no_free_place');
    await post(cm, '/api/shelters/no-place', { kind: 'regulier' });
    const hold = await post(cm, `/api/shelters/${ams.organisationId}/holds`, { kind: 'crisis' });
    expect(hold.statusCode).toBe(201);
    expect(Date.parse(hold.json().heldUntil) - Date.parse(hold.json().heldAt)).toBe(4 * 3600_000);
    // The last place is now taken: a second hold is refused, and the partner sees it too.
    expect((await post(cm, `/api/shelters/${ams.organisationId}/holds`, { kind: 'crisis' })).json().code).toBe('no_free_place');
    const partnerView = (await get(partner, '/api/shelters')).json().items as { organisationId: string; crisis: { free: number; held: number } }[];
    expect(partnerView.find((s) => s.organisationId === ams.organisationId)!.crisis).toMatchObject({ free: 0, held: 1 });
    expect((await get(cm, '/api/shelter-holds')).json().items).toHaveLength(1);
    expect((await post(cm, `/api/shelter-holds/${hold.json().id}/end`, { outcome: 'aangekomen' })).json().outcome).toBe('aangekomen');
    expect((await post(cm, `/api/shelter-holds/${hold.json().id}/end`, { outcome: 'vrijgegeven' })).json().code).toBe('hold_ended');

    const figures = (await get(analyst, `/api/shelters/figures?year=${new Date().getFullYear()}`)).json();
    expect(figures.occupancy).toEqual(expect.arrayContaining([{ regionCode: 'VR14', places: 5, occupied: 5 }]));
    expect(figures.requests).toEqual([{ regionCode: 'VR14', month: expect.any(String), total: 2, withoutPlace: 1 }]);
    // An analyst sees figures but holds nothing.
    expect((await get(analyst, '/api/shelters')).statusCode).toBe(403);
  });
});
