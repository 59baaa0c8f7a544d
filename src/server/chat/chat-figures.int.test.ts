import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';
import { tokenHash } from './chat.service.ts';

let ctx: TestContext;
let analyst: Session;

/** A chat of the first week of February 2021, with times in minutes after its start. */
async function chat(n: number, o: { day: string; region: string | null; wait?: number; duration?: number; left?: boolean; group?: string; outcome?: string; topics?: string[] }) {
  const created = new Date(`${o.day}T10:00:00+01:00`);
  const accepted = o.wait === undefined ? null : new Date(created.getTime() + o.wait * 60_000);
  const ended = accepted && o.duration !== undefined ? new Date(accepted.getTime() + o.duration * 60_000) : new Date(created.getTime() + 5 * 60_000);
  await ctx.database.db
    .insertInto('chat_session')
    .values({
      token_hash: tokenHash(`figures-${n}`),
      nickname: `F${n}`,
      region_code: o.region,
      status: 'ended',
      left_message: o.left ?? false,
      created_at: created,
      queued_at: created,
      accepted_at: accepted,
      ended_at: ended,
      ended_by: 'visitor',
      visitor_group: o.group ?? null,
      outcome: o.outcome ?? null,
      topics: o.topics ?? [],
    })
    .execute();
}

beforeAll(async () => {
  ctx = await build();
  analyst = await loginAs(ctx, 'analyst', 'VR14');
  await chat(1, { day: '2021-02-01', region: 'VR14', wait: 2, duration: 20, group: 'slachtoffer', outcome: 'informatie-advies', topics: ['partnergeweld'] });
  await chat(2, { day: '2021-02-01', region: 'VR14', wait: 4, duration: 30, group: 'omstander', outcome: 'omgezet-melding', topics: ['partnergeweld', 'kindermishandeling'] });
  await chat(3, { day: '2021-02-01', region: 'VR14' }); // left before pickup
  await chat(4, { day: '2021-02-02', region: null, wait: 10, duration: 10, group: 'slachtoffer', outcome: 'doorverwezen' });
  await chat(5, { day: '2021-02-02', region: null, left: true });
  await chat(6, { day: '2021-02-09', region: 'VR14', wait: 1, duration: 5 }); // next week
});
afterAll(async () => ctx?.close());

describe('chat figures', () => {
  it('count chats per day and region: served, abandoned, left messages, waits and durations', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/chat/figures?from=2021-02-01&to=2021-02-07&per=day', headers: analyst.headers() });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.rows).toEqual([
      { period: '2021-02-01', region: 'VR14', chats: 3, served: 2, abandoned: 1, leftMessages: 0, waitMeanSeconds: 180, waitMedianSeconds: 180, durationMeanSeconds: 1500, durationMedianSeconds: 1500 },
      { period: '2021-02-02', region: 'landelijk', chats: 2, served: 1, abandoned: 0, leftMessages: 1, waitMeanSeconds: 600, waitMedianSeconds: 600, durationMeanSeconds: 600, durationMedianSeconds: 600 },
    ]);
    expect(f.total).toMatchObject({ chats: 5, served: 3, abandoned: 1, leftMessages: 1, waitMedianSeconds: 240, durationMedianSeconds: 1200 });
    expect(f.byVisitorGroup).toEqual([{ code: 'geen', chats: 2 }, { code: 'slachtoffer', chats: 2 }, { code: 'omstander', chats: 1 }]);
    expect(f.byOutcome).toContainEqual({ code: 'omgezet-melding', chats: 1 });
    expect(f.byTopic).toEqual([{ code: 'partnergeweld', chats: 2 }, { code: 'kindermishandeling', chats: 1 }]);
    // Figures only: nothing that names a chat or a visitor.
    expect(res.body).not.toContain('F1');
  });

  it('count per ISO week and for one region', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/chat/figures?from=2021-02-01&to=2021-02-14&per=week&region=VR14', headers: analyst.headers() });
    expect(res.json().rows.map((r: { period: string; chats: number }) => [r.period, r.chats])).toEqual([['2021-W05', 3], ['2021-W06', 1]]);
  });

  it('are not for chat workers', async () => {
    const intake = await loginAs(ctx, 'intake', 'VR14');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/chat/figures?from=2021-02-01&to=2021-02-07', headers: intake.headers() })).statusCode).toBe(403);
  });
});

describe('public information pages', () => {
  it('are readable without an account and editable by an admin only, audited', async () => {
    const pub = await ctx.app.inject({ method: 'GET', url: '/api/public/pages/hulplijnen' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ slug: 'hulplijnen', lang: 'nl', title: 'Andere hulplijnen' });
    expect(pub.json<{ body: string }>().body).toContain('Kindertelefoon');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/pages/spanning-thuis?lang=en' })).json()).toMatchObject({ title: 'When tension rises at home' });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/pages/onbekend' })).statusCode).toBe(400);

    const text = { title: 'Andere hulplijnen', body: 'De Kindertelefoon: bel 0800-0432.\n\nBij direct gevaar: bel 112.' };
    expect((await ctx.app.inject({ method: 'PUT', url: '/api/pages/hulplijnen/nl', headers: analyst.headers(true), payload: text })).statusCode).toBe(403);
    const beheer = await loginAs(ctx, 'admin', 'VR14');
    const put = await ctx.app.inject({ method: 'PUT', url: '/api/pages/hulplijnen/nl', headers: beheer.headers(true), payload: text });
    expect(put.statusCode, put.body).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/pages/hulplijnen' })).json()).toMatchObject(text);
    const empty = await ctx.app.inject({ method: 'PUT', url: '/api/pages/hulplijnen/nl', headers: beheer.headers(true), payload: { title: ' ', body: 'x' } });
    expect(empty.statusCode).toBe(400);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('action', '=', 'page.update').execute();
    expect(audit).toEqual([{ action: 'page.update', record_id: 'hulplijnen/nl' }]);
  });
});
