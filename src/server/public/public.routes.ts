import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed-demo.ts';

const publicConfig = z.object({
  demo: z.boolean(),
  demoAccounts: z.array(z.object({ email: z.string(), role: z.string(), regionName: z.string(), password: z.string() })).optional(),
  /** Staff sign-in with the organisation's own identity provider, when configured. */
  oidc: z.object({ name: z.string() }).optional(),
});

export async function publicRoutes(fastify: FastifyInstance, opts: { config: Config; db: Db }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/public/config', {
    config: { access: 'public' },
    schema: { summary: 'Settings the web pages need before sign-in', tags: ['public'], response: { 200: publicConfig } },
  }, async () => {
    // The sign-in page offers "Inloggen met <provider>" when an identity provider is configured.
    const sso = opts.config.oidc ? { oidc: { name: opts.config.oidc.name } } : {};
    if (!opts.config.demo) return { demo: false, ...sso };
    const regions = await opts.db.selectFrom('region').select(['code', 'name']).execute();
    const names = new Map(regions.map((r) => [r.code, r.name]));
    return {
      ...sso,
      demo: true,
      demoAccounts: DEMO_ACCOUNTS.map((a) => ({ email: a.email, role: a.role, regionName: names.get(a.region) ?? a.region, password: DEMO_PASSWORD })),
    };
  });
}
