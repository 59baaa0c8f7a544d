import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI document at /api/docs/json and a viewer at /api/docs, generated from the routes. */
async function openapiPlugin(app: FastifyInstance, opts: { cookieName: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Signaal API',
        version: '1',
        description:
          'API of Signaal. Every operation lists its access: `security: []` is public; otherwise the session cookie is required and `x-permission` names the permission (or `session` for any signed-in session). Writes with a session need the `x-csrf-token` header.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: opts.cookieName } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}

export const openapi = fp(openapiPlugin, { name: 'signaal-openapi' });
