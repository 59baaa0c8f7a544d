import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, roleHas, type Role } from '../../domain/access/permissions.ts';
import { build, loginAs, type Session, type TestContext } from '../../test-support/build.ts';

/**
 * Access control proven from the route table itself: every route the app serves is called
 * without a session and as every role, so a new route is covered the moment it is registered.
 */
let ctx: TestContext;
const sessions = new Map<Role, Session>();

function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, randomUUID()).replace(/\*$/, 'x');
}

beforeAll(async () => {
  ctx = await build();
  for (const role of ROLES) sessions.set(role, await loginAs(ctx, role, 'VR14'));
});
afterAll(async () => ctx?.close());

describe('route declarations', () => {
  it('lists every API route with a declared access', () => {
    const api = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThanOrEqual(15);
    for (const r of api) expect(['public', 'session', ...Object.keys(PERMISSIONS)]).toContain(r.access);
  });

  it('refuses to start when a route declares no access', async () => {
    await expect(
      build({}, { beforeReady: (app) => app.get('/api/undeclared', async () => ({ ok: true })) }),
    ).rejects.toThrow(/declares no access/);
  });

  it('refuses to start when a route names an unknown permission', async () => {
    await expect(
      build({}, { beforeReady: (app) => app.get('/api/typo', { config: { access: 'contacts:raed' as 'public' } }, async () => ({ ok: true })) }),
    ).rejects.toThrow(/unknown permission/);
  });
});

describe('every protected route', () => {
  it('answers 401 without a session, writes nothing and records the attempt', async () => {
    const protectedRoutes = ctx.app.routeTable.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    const before = await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('outcome', '=', 'denied').executeTakeFirstOrThrow();
    for (const r of protectedRoutes) {
      const res = await ctx.app.inject({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
    const after = await ctx.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('outcome', '=', 'denied').executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(protectedRoutes.length);
    const contacts = await ctx.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(contacts.n).toBe(0);
  });

  it('answers 403 to every role without the permission and lets every role with it through', async () => {
    const permissionRoutes = ctx.app.routeTable.filter((r) => r.access !== 'public' && r.access !== 'session' && r.method !== 'HEAD');
    for (const r of permissionRoutes) {
      for (const role of ROLES) {
        const s = sessions.get(role)!;
        const write = r.method !== 'GET';
        const res = await ctx.app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: s.headers(write), payload: write ? {} : undefined });
        const label = `${role} ${r.method} ${r.url}`;
        if (roleHas(role, r.access as Parameters<typeof roleHas>[1])) {
          // Through the access check: a GET answers (200, or 404 for a made-up id; 426 for a
          // socket address asked without an upgrade), a write with an empty body fails validation.
          expect([200, 400, 404, 426], label).toContain(res.statusCode);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().code, label).toBe('forbidden');
        }
      }
    }
  });

  it('refuses a write with a session cookie but without the CSRF token', async () => {
    const s = sessions.get('intake')!;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: { cookie: s.cookie }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('refuses a write from another site even with a valid token', async () => {
    const s = sessions.get('intake')!;
    const res = await ctx.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...s.headers(true), origin: 'https://evil.example' }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });
});

describe('every readable route, called from another region', () => {
  it('shows nothing of this region: no record, no colleague, no audit entry', async () => {
    // Data of VR14 that must never appear for anyone of VR13.
    const intake = sessions.get('intake')!;
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: intake.headers(true),
      payload: { kind: 'melding', receivedAt: '2026-05-01T12:00:00+02:00', reporterType: 'particulier', violenceType: 'partnergeweld', summary: 'GEHEIM-VR14-VERHAAL' },
    });
    expect(created.statusCode).toBe(201);
    await ctx.app.inject({ method: 'GET', url: `/api/contacts/${created.json().id}`, headers: intake.headers() });
    const id = created.json().id as string;
    const markers = [id, 'GEHEIM-VR14-VERHAAL', ...[...sessions.values()].map((s) => s.email)];
    const readRoutes = ctx.app.routeTable.filter((r) => r.method === 'GET' && r.access !== 'public');
    const others = await Promise.all(ROLES.map((role) => loginAs(ctx, role, 'VR13')));
    // First the routes without an id: not even the record's id may show.
    for (const other of others) {
      for (const r of readRoutes.filter((x) => !x.url.includes(':'))) {
        const res = await ctx.app.inject({ method: 'GET', url: r.url, headers: other.headers() });
        for (const m of markers) expect(res.body, `${other.role}@VR13 ${r.url}`).not.toContain(m);
      }
    }
    // Then probing by id: not found, and nothing of the record. (From here on the VR13 admin's
    // audit trail rightly shows that VR13 staff tried that id.)
    for (const other of others) {
      for (const r of readRoutes.filter((x) => x.url.includes(':id'))) {
        const res = await ctx.app.inject({ method: 'GET', url: r.url.replace(':id', id), headers: other.headers() });
        expect([403, 404], `${other.role}@VR13 ${r.url}`).toContain(res.statusCode);
        expect(res.body).not.toContain('GEHEIM-VR14-VERHAAL');
      }
    }
  });
});

describe('the OpenAPI document', () => {
  it('shows every API operation with its access: public ones with an empty security list', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { security?: unknown[]; 'x-permission'?: string }>>; components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session']);
    const api = ctx.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    for (const r of api) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      if (r.access === 'public') {
        expect(op!.security).toEqual([]);
        expect(op!['x-permission']).toBeUndefined();
      } else {
        expect(op!.security).toEqual([{ session: [] }]);
        expect(op!['x-permission']).toBe(r.access);
      }
    }
    const html = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(html.statusCode);
  });
});

describe('answers', () => {
  it('hide the details of an unexpected error behind a request id', async () => {
    const t = await build({}, {
      beforeReady: (app) =>
        app.get('/api/boom', { config: { access: 'public' } }, async () => {
          throw new Error('relation "secret_table" does not exist: BSN 123456782');
        }),
    });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret_table');
      expect(res.body).not.toContain('123456782');
      expect(res.json()).toMatchObject({ code: 'internal_error', requestId: res.headers['x-request-id'] });
    } finally {
      await t.close();
    }
  });

  it('carry security headers with a CSP that allows no inline script', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
