import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.js';
import { appJs, homeHtml } from './homePage.js';

const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors *";

export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { tags: ['demo'], summary: 'Demo participation page (?conversation=<id>)', response: { 200: Type.String(), ...errorResponses } } },
    async (_request, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', csp).send(homeHtml),
  );
  app.get(
    '/app.js',
    { schema: { hide: true, response: { 200: Type.String(), ...errorResponses } } },
    async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(appJs),
  );
  app.get(
    '/health',
    { schema: { tags: ['demo'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses } } },
    async () => ({ status: 'ok' as const }),
  );
};
