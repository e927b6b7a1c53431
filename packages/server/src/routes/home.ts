import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.js';

export const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    { schema: { tags: ['demo'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }), ...errorResponses } } },
    async () => ({ status: 'ok' as const }),
  );
};
