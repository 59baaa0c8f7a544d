import path from 'node:path';
import { z } from 'zod';
import { FieldCrypto, parseKeyList, type FieldKey } from './db/field-crypto.ts';

/**
 * Configuration comes from the environment only, validated once at start. A bad value stops the
 * process with a message naming the variable, rather than running with a silent default.
 */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SIGNAAL_DATA_DIR: z.string().min(1).default('./data'),
  SIGNAAL_DEMO: boolish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  TRUST_PROXY: boolish.default(false),
  SECURE_COOKIES: boolish.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * How long a request waits for a database connection before it is refused with 503: the pool's
   * connection timeout on PostgreSQL, the wait for the one connection of the embedded database.
   */
  DB_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Region receiving a public-form contact whose municipality is unknown (national intake). */
  SIGNAAL_INTAKE_REGION: z.string().regex(/^[A-Z0-9-]{2,20}$/, 'must be a region code such as VR14').default('VR14'),
  /** Public form submissions per IP address per hour. */
  SIGNAAL_INTAKE_RATE_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(10),
  /** Days a chat transcript is kept after the chat ended, unless it is attached to a file. */
  SIGNAAL_CHAT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Chats started (or messages left) per IP address per hour; the address itself is never stored. */
  SIGNAAL_CHAT_START_RATE_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(20),
  /** Published figures (open data, public PDFs, CSV for outsiders): a cell below this is hidden (CBS: 10). */
  SIGNAAL_DISCLOSURE_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(10),
  /** ... and counts are rounded to a multiple of this (CBS: 5; 1 = no rounding). */
  SIGNAAL_DISCLOSURE_ROUNDING: z.coerce.number().int().min(1).max(1000).default(5),
  /** Field encryption keys, `id:base64,id:base64` (32 bytes each); the first one encrypts (ADR 0013). */
  SIGNAAL_ENCRYPTION_KEYS: z.string().min(1).optional(),
  /** Key of the BSN blind index (base64, at least 32 bytes), separate from the encryption keys. */
  SIGNAAL_BLIND_INDEX_KEY: z.string().min(1).optional(),
  /** Years a closed melding's file is kept after closing (Wmo 2015 art. 5.3.4: 15). */
  SIGNAAL_RETENTION_FILE_YEARS: z.coerce.number().int().min(1).max(100).default(15),
  /** Years an advies (no melding) is kept after it was received. */
  SIGNAAL_RETENTION_ADVICE_YEARS: z.coerce.number().int().min(1).max(100).default(5),
  /** Whether this process runs the daily retention job (a lock keeps it to one process at a time). */
  SIGNAAL_RETENTION_SCHEDULE: boolish.optional(),
  /**
   * Staff sign-in with the organisation's own identity provider (OpenID Connect). All of issuer,
   * client id, secret, redirect URL and e-mail domains, or none. Accounts are never created from it:
   * the provider's verified e-mail address must match an existing staff account.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /** The callback URL registered at the provider: https://<host>/api/auth/oidc/callback */
  OIDC_REDIRECT_URL: z.url().optional(),
  /** Comma-separated e-mail domains the provider may sign in for, e.g. veiligthuisgv.nl */
  OIDC_EMAIL_DOMAINS: z.string().regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, 'comma-separated lower-case domains').optional(),
  /** The name on the sign-in button: "Inloggen met <name>". */
  OIDC_NAME: z.string().min(1).max(60).optional(),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string; waitMs: number } | { kind: 'postgres'; url: string; poolSize: number; waitMs: number };
  demo: boolean;
  logLevel: string;
  session: { idleMinutes: number; maxHours: number; secureCookies: boolean };
  trustProxy: boolean;
  login: { maxFailures: number; lockMinutes: number };
  intake: { nationalRegion: string; ratePerHour: number };
  chat: { retentionDays: number; startRatePerHour: number };
  /** Statistical disclosure control of published figures (domain/stats/disclosure-control.ts). */
  disclosure: { threshold: number; roundingBase: number };
  /** null outside production when no keys are configured: the development key is used (logged). */
  encryption: { keys: FieldKey[]; blindIndexKey: Buffer } | null;
  retention: { fileYears: number; adviceYears: number; schedule: boolean };
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  emailDomains: readonly string[];
  name: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Demo accounts have published passwords, so demo mode must never run in production, not even
  // by accident: refuse instead of silently switching it off.
  if (production && e.SIGNAAL_DEMO === true) {
    throw new ConfigError('Invalid configuration: SIGNAAL_DEMO: demo mode is refused when NODE_ENV=production');
  }
  const demo = e.SIGNAAL_DEMO ?? !production;
  let encryption: Config['encryption'] = null;
  if (e.SIGNAAL_ENCRYPTION_KEYS || e.SIGNAAL_BLIND_INDEX_KEY) {
    if (!e.SIGNAAL_ENCRYPTION_KEYS || !e.SIGNAAL_BLIND_INDEX_KEY) {
      throw new ConfigError('Invalid configuration: SIGNAAL_ENCRYPTION_KEYS and SIGNAAL_BLIND_INDEX_KEY go together');
    }
    try {
      const keys = parseKeyList(e.SIGNAAL_ENCRYPTION_KEYS);
      const blindIndexKey = Buffer.from(e.SIGNAAL_BLIND_INDEX_KEY, 'base64');
      // Validates sizes and ids once, here, rather than at the first write.
      new FieldCrypto(keys, blindIndexKey);
      encryption = { keys, blindIndexKey };
    } catch (err) {
      throw new ConfigError(`Invalid configuration: SIGNAAL_ENCRYPTION_KEYS/SIGNAAL_BLIND_INDEX_KEY: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else if (production) {
    // The development key is in the source code: production data under it would not be protected.
    throw new ConfigError('Invalid configuration: SIGNAAL_ENCRYPTION_KEYS and SIGNAAL_BLIND_INDEX_KEY are required when NODE_ENV=production');
  }
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URL, e.OIDC_EMAIL_DOMAINS];
  if (oidcVars.some((v) => v !== undefined) && !oidcVars.every((v) => v !== undefined)) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL and OIDC_EMAIL_DOMAINS go together');
  }
  // Only a provider on this machine may be reached over plain HTTP (tests, a local provider).
  if (e.OIDC_ISSUER && !e.OIDC_ISSUER.startsWith('https://') && !(/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(e.OIDC_ISSUER) && !production)) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER must use https');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE, waitMs: e.DB_WAIT_MS }
      : { kind: 'pglite', dataDir: path.resolve(e.SIGNAAL_DATA_DIR), waitMs: e.DB_WAIT_MS },
    demo,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      maxHours: e.SESSION_MAX_HOURS,
      // Secure cookies by default in production (TLS is terminated in front of us); plain HTTP on
      // localhost for development would otherwise lose the cookie.
      secureCookies: e.SECURE_COOKIES ?? production,
    },
    trustProxy: e.TRUST_PROXY,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES },
    intake: { nationalRegion: e.SIGNAAL_INTAKE_REGION, ratePerHour: e.SIGNAAL_INTAKE_RATE_PER_HOUR },
    chat: { retentionDays: e.SIGNAAL_CHAT_RETENTION_DAYS, startRatePerHour: e.SIGNAAL_CHAT_START_RATE_PER_HOUR },
    disclosure: { threshold: e.SIGNAAL_DISCLOSURE_THRESHOLD, roundingBase: e.SIGNAAL_DISCLOSURE_ROUNDING },
    encryption,
    retention: { fileYears: e.SIGNAAL_RETENTION_FILE_YEARS, adviceYears: e.SIGNAAL_RETENTION_ADVICE_YEARS, schedule: e.SIGNAAL_RETENTION_SCHEDULE ?? e.NODE_ENV !== 'test' },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET && e.OIDC_REDIRECT_URL && e.OIDC_EMAIL_DOMAINS
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUrl: e.OIDC_REDIRECT_URL,
            emailDomains: e.OIDC_EMAIL_DOMAINS.split(','),
            name: e.OIDC_NAME ?? 'uw organisatie',
          }
        : null,
  };
}
