import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export const WEB_ROOT = path.resolve(fileURLToPath(new URL('../../../dist/web', import.meta.url)));

/**
 * Serves the two built bundles: the public site at / (with client-side routes) and the staff
 * console at /console. Hashed assets are cached for a year; the HTML never, so a release shows.
 */
async function webPlugin(app: FastifyInstance): Promise<void> {
  const built = existsSync(path.join(WEB_ROOT, 'public', 'index.html'));
  await app.register(fastifyStatic, {
    root: path.join(WEB_ROOT, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    wildcard: true,
    decorateReply: true,
  });

  function page(reply: FastifyReply, file: 'public/index.html' | 'console/index.html') {
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('De webpagina’s zijn nog niet gebouwd. Start met "npm start" of bouw met "npm run build".');
    }
    reply.header('cache-control', 'no-store');
    return reply.sendFile(file, WEB_ROOT);
  }

  const publicPage = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get('/', publicPage, (_req, reply) => page(reply, 'public/index.html'));
  app.get('/console', publicPage, (_req, reply) => page(reply, 'console/index.html'));
  app.get('/console/*', publicPage, (_req, reply) => page(reply, 'console/index.html'));
  // Client-side routes of the public site (e.g. /veilig-browsen). API paths never fall through.
  app.get('/:page', publicPage, (req, reply) => {
    const { page: name } = req.params as { page: string };
    if (name === 'api' || !/^[a-z0-9-]{1,60}$/.test(name)) return reply.status(404).send({ code: 'not_found', message: 'Niet gevonden', requestId: req.id });
    return page(reply, 'public/index.html');
  });
}

export const web = fp(webPlugin, { name: 'signaal-web' });
