import { authenticator } from 'otplib';
import { loadConfig, type Config } from '../config.ts';
import type { Role } from '../domain/access/permissions.ts';
import { buildApp, sessionCookieName, type App } from '../server/app.ts';
import { hashPassword } from '../server/auth/password.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestContext {
  app: App;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/**
 * The app on a fresh test database, not listening (requests go through app.inject). Demo mode is
 * off unless asked for, so two-factor authentication is required as in production.
 */
export async function build(env: Record<string, string> = {}, hooks: { beforeReady?: (app: App) => void } = {}): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test', SIGNAAL_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
  const database = await openTestDatabase();
  let app: App;
  try {
    app = await buildApp({ config, database, logger: false });
    hooks.beforeReady?.(app);
    await app.ready();
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;

export interface Session {
  userId: string;
  email: string;
  role: Role;
  region: string;
  cookie: string;
  csrf: string;
  totpSecret: string;
  headers(write?: boolean): Record<string, string>;
}

let counter = 0;

/** Creates an account with two-factor authentication set up directly in the database. */
export async function createUser(ctx: TestContext, role: Role, region: string, opts: { totp?: boolean; organisation?: string } = {}) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const db = ctx.database.db;
  // A partner account works for a partner organisation of the region's directory.
  const partner = role === 'partner' || role === 'opvang';
  const partnerType = role === 'opvang' ? 'vrouwenopvang' : 'lokaal-team';
  const orgName = opts.organisation ?? (role === 'opvang' ? `Vrouwenopvang ${region} (test)` : partner ? `Wijkteam ${region} (test)` : `Veilig Thuis ${region} (test)`);
  // Safe when several sessions are created at once (Promise.all on the PostgreSQL server).
  await db
    .insertInto('organisation')
    .values({ name: orgName, kind: partner ? 'partner' : 'veilig-thuis', partner_type: partner ? partnerType : null, region_code: region })
    .onConflict((oc) => oc.columns(['name', 'region_code']).doNothing())
    .execute();
  const org = await db.selectFrom('organisation').select('id').where('name', '=', orgName).where('region_code', '=', region).executeTakeFirstOrThrow();
  const secret = authenticator.generateSecret(20);
  const email = `${role}.${region.toLowerCase()}.${++counter}.${process.pid}@test.signaal.example`;
  const user = await db
    .insertInto('staff_user')
    .values({
      email,
      display_name: `${role} ${region} ${counter}`,
      role,
      organisation_id: org.id,
      region_code: region,
      password_hash: await hashed,
      password_must_change: false,
      totp_secret: opts.totp === false ? null : secret,
      totp_enabled: opts.totp !== false,
      locked_until: null,
      disabled_at: null,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
  return { id: user.id, email: user.email, secret };
}

export function cookieFrom(setCookie: string | string[] | undefined, name: string): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const m = new RegExp(`^${name.replace(/[$]/g, '\\$')}=([^;]*)`).exec(c);
    if (m?.[1]) return m[1];
  }
  throw new Error(`no ${name} cookie in response`);
}

/** Signs in through the real login and two-factor routes; returns what a browser would hold. */
export async function loginAs(ctx: TestContext, role: Role, region = 'VR14', opts: { organisation?: string; remoteAddress?: string } = {}): Promise<Session> {
  const user = await createUser(ctx, role, region, { organisation: opts.organisation });
  const from = opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {};
  const name = sessionCookieName(ctx.config);
  const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: TEST_PASSWORD }, ...from });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const first = login.json<{ stage: string; csrfToken: string }>();
  if (first.stage !== 'totp_verify') throw new Error(`unexpected stage ${first.stage}`);
  const cookie1 = cookieFrom(login.headers['set-cookie'], name);
  const verify = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/totp/verify',
    ...from,
    headers: { cookie: `${name}=${cookie1}`, 'x-csrf-token': first.csrfToken },
    payload: { code: authenticator.generate(user.secret) },
  });
  if (verify.statusCode !== 200) throw new Error(`totp failed: ${verify.statusCode} ${verify.body}`);
  const session = verify.json<{ csrfToken: string }>();
  const cookie = `${name}=${cookieFrom(verify.headers['set-cookie'], name)}`;
  return {
    userId: user.id,
    email: user.email,
    role,
    region,
    cookie,
    csrf: session.csrfToken,
    totpSecret: user.secret,
    headers: (write = false): Record<string, string> => (write ? { cookie, 'x-csrf-token': session.csrfToken } : { cookie }),
  };
}
