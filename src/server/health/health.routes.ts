import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping, type Database } from '../../db/database.ts';

export async function healthRoutes(fastify: FastifyInstance, opts: { database: Database }): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/health', {
    config: { access: 'public' },
    schema: { summary: 'Liveness: the process answers', tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { access: 'public' },
    schema: {
      summary: 'Readiness: the database answers',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) },
    },
  }, async (_req, reply) => {
    try {
      await Promise.race([
        ping(opts.database.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database ping timed out')), 3000).unref()),
      ]);
      return { status: 'ready' as const, database: opts.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const, database: opts.database.kind });
    }
  });
}
