import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordNotFound } from '../errors.ts';
import type { ChatRouteOptions } from './chat-public.routes.ts';

export const PAGE_SLUGS = ['wat-doet-veilig-thuis', 'omstander', 'spanning-thuis', 'hulplijnen'] as const;
const page = z.object({ slug: z.enum(PAGE_SLUGS), lang: z.enum(['nl', 'en']), title: z.string(), body: z.string(), updatedAt: z.string() });
const errorSchema = z.object({ code: z.string(), message: z.string(), requestId: z.string() }).loose();

/** The public information pages around the chat: read by anyone, edited by admins. */
export async function chatPagesRoutes(fastify: FastifyInstance, opts: ChatRouteOptions): Promise<void> {
  const { db } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const out = (r: { slug: string; lang: 'nl' | 'en'; title: string; body: string; updated_at: Date }) => ({
    slug: r.slug as (typeof PAGE_SLUGS)[number],
    lang: r.lang,
    title: r.title,
    body: r.body,
    updatedAt: new Date(r.updated_at).toISOString(),
  });

  app.get('/api/public/pages/:slug', {
    config: { access: 'public' },
    schema: {
      summary: 'A public information page (plain text: paragraphs separated by an empty line, "- " starts a list item)',
      tags: ['public'],
      params: z.object({ slug: z.enum(PAGE_SLUGS) }),
      querystring: z.object({ lang: z.enum(['nl', 'en']).default('nl') }),
      response: { 200: page, 404: errorSchema },
    },
  }, async (req, reply) => {
    const r = await db.selectFrom('public_page').select(['slug', 'lang', 'title', 'body', 'updated_at']).where('slug', '=', req.params.slug).where('lang', '=', req.query.lang).executeTakeFirst();
    if (!r) throw recordNotFound('public_page', req.params.slug, 'page.read');
    reply.header('cache-control', 'public, max-age=300');
    return out(r);
  });

  app.get('/api/pages', {
    config: { access: 'pages:manage' },
    schema: { summary: 'All public information pages, to edit them', tags: ['pages'], response: { 200: z.array(page) } },
  }, async (req) =>
    req.scoped(async ({ db: trx }) => {
      const rows = await trx.selectFrom('public_page').select(['slug', 'lang', 'title', 'body', 'updated_at']).orderBy('slug').orderBy('lang').execute();
      return rows.map(out);
    }),
  );

  app.put('/api/pages/:slug/:lang', {
    config: { access: 'pages:manage' },
    schema: {
      summary: 'Change the title and text of a public information page',
      tags: ['pages'],
      params: z.object({ slug: z.enum(PAGE_SLUGS), lang: z.enum(['nl', 'en']) }),
      body: z.strictObject({ title: z.string().trim().min(1, 'Vul een titel in').max(200), body: z.string().trim().min(1, 'Vul een tekst in').max(20000) }),
      response: { 200: page },
    },
  }, async (req) =>
    req.scoped(async ({ db: trx, actor, audit }) => {
      const r = await trx
        .updateTable('public_page')
        .set({ title: req.body.title, body: req.body.body, updated_at: new Date(), updated_by: actor.userId })
        .where('slug', '=', req.params.slug)
        .where('lang', '=', req.params.lang)
        .returning(['slug', 'lang', 'title', 'body', 'updated_at'])
        .executeTakeFirst();
      if (!r) throw recordNotFound('public_page', `${req.params.slug}/${req.params.lang}`, 'page.update');
      await audit({ action: 'page.update', recordType: 'public_page', recordId: `${req.params.slug}/${req.params.lang}` });
      return out(r);
    }),
  );
}
