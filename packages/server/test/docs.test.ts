import { describe, expect, test } from 'vitest';
import { sharedApp } from './helper.js';

const shared = sharedApp();

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

describe('OpenAPI at /docs', () => {
  test('/docs/json documents every route from its schemas: parameters, bodies, success and error responses', async () => {
    const t = shared();
    const res = await t.call({ method: 'GET', url: '/docs/json', auth: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(33);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(Object.keys(op.responses).some((code) => /^2\d\d$/.test(code)), where).toBe(true);
      expect(op.responses, where).toHaveProperty('4XX');
      expect(op.responses, where).toHaveProperty('5XX');
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name), `${where} documents ${name}`).toBe(true);
      }
      // Every write takes a declared body, except the recompute trigger, which takes none.
      if ((method === 'post' && !path.endsWith('/recompute')) || method === 'patch' || method === 'put') expect(op.requestBody, where).toBeDefined();
    }
    expect(doc.paths['/api/v1/conversations/{id}/votes']!.post!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['statementId', 'vote'] } } },
    });
    // The math settings and the uncertainty job are documented with their values.
    const conversation = doc.paths['/api/v1/conversations/{id}']!.get!.responses['200'] as { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> };
    expect(conversation.content['application/json']!.schema.properties.mode!.enum).toEqual(['polis', 'stable']);
    expect(conversation.content['application/json']!.schema.properties.bridging!.enum).toEqual(['auto', 'on', 'off']);
    const uncertainty = doc.paths['/api/v1/conversations/{id}/uncertainty']!;
    expect(Object.keys(uncertainty).sort()).toEqual(['get', 'post']);
    expect(uncertainty.post!.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { resamples: { minimum: 10, maximum: 200 } } } } } });
    expect(uncertainty.post!.responses).toHaveProperty('202');
    const ui = await t.call({ method: 'GET', url: '/docs/', auth: null });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
