import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const KEYS = { SIGNAAL_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, SIGNAAL_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64') };

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 3000, in demo mode outside production', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toMatchObject({ kind: 'pglite' });
    expect(c.database.kind === 'pglite' && c.database.dataDir.endsWith('/data')).toBe(true);
    expect(c.demo).toBe(true);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, and honours PORT, HOST and SIGNAAL_DATA_DIR', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/signaal' }).database).toMatchObject({ kind: 'postgres', url: 'postgres://u@db:5432/signaal' });
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', SIGNAAL_DATA_DIR: '/var/lib/signaal' });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', database: { kind: 'pglite', dataDir: '/var/lib/signaal' } });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'drieduizend' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SIGNAAL_DEMO: 'misschien' })).toThrow(/SIGNAAL_DEMO/);
  });

  it('refuses demo mode in production and uses secure cookies there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SIGNAAL_DEMO: 'true' })).toThrow(/demo mode is refused/);
    const prod = loadConfig({ NODE_ENV: 'production', ...KEYS });
    expect(prod.demo).toBe(false);
    expect(prod.session.secureCookies).toBe(true);
  });

  it('refuses production without encryption keys, and bad keys anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SIGNAAL_ENCRYPTION_KEYS and SIGNAAL_BLIND_INDEX_KEY are required/);
    expect(() => loadConfig({ SIGNAAL_ENCRYPTION_KEYS: 'k1:dGVzdA==', SIGNAAL_BLIND_INDEX_KEY: KEYS.SIGNAAL_BLIND_INDEX_KEY })).toThrow(/32 bytes/);
    expect(() => loadConfig({ SIGNAAL_ENCRYPTION_KEYS: KEYS.SIGNAAL_ENCRYPTION_KEYS })).toThrow(/go together/);
    // Outside production no keys is allowed: the development key is used (and logged).
    expect(loadConfig({ NODE_ENV: 'development' }).encryption).toBeNull();
    const c = loadConfig({ NODE_ENV: 'production', ...KEYS, SIGNAAL_ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 2).toString('base64')},${KEYS.SIGNAAL_ENCRYPTION_KEYS}` });
    expect(c.encryption?.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('takes an identity provider only complete, and only over https outside this machine', () => {
    const oidc = { OIDC_ISSUER: 'https://login.example.org', OIDC_CLIENT_ID: 'signaal', OIDC_CLIENT_SECRET: 'geheim', OIDC_REDIRECT_URL: 'https://signaal.example.org/api/auth/oidc/callback', OIDC_EMAIL_DOMAINS: 'vt.example.org,gemeente.example' };
    expect(loadConfig(oidc).oidc).toEqual({ issuer: 'https://login.example.org', clientId: 'signaal', clientSecret: 'geheim', redirectUrl: oidc.OIDC_REDIRECT_URL, emailDomains: ['vt.example.org', 'gemeente.example'], name: 'uw organisatie' });
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/go together/);
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://login.example.org' })).toThrow(/must use https/);
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
    expect(() => loadConfig({ ...oidc, ...KEYS, NODE_ENV: 'production', OIDC_ISSUER: 'http://127.0.0.1:4000' })).toThrow(/must use https/);
  });
});
