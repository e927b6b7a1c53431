import { test } from 'vitest';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorBody } from '../src/schemas/common.js';
import { CreateConversationBody, CreateConversationReply } from '../src/schemas/conversations.js';

test('build parts', async () => {
  for (const withSwagger of [true, false, true, false]) {
    const t = performance.now();
    const app = Fastify({ ajv: { customOptions: { removeAdditional: false } } });
    app.addSchema(ErrorBody);
    if (withSwagger) { await app.register(swagger, { openapi: {} }); await app.register(swaggerUi, { routePrefix: '/docs' }); }
    for (let i = 0; i < 30; i++) app.post(`/r${i}`, { schema: { body: CreateConversationBody, response: { 201: CreateConversationReply, '4xx': { $ref: 'ErrorBody' } } } }, async () => ({}));
    await app.ready();
    console.log(withSwagger, (performance.now() - t).toFixed(0));
    await app.close();
  }
});
