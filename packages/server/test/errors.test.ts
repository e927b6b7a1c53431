import { describe, expect, test } from 'vitest';
import { apiError, errorCodes, toErrorBody } from '../src/errors.js';
import { build, createConversation, sharedApp } from './helper.js';

const shared = sharedApp();

describe('error handling', () => {
  test('unknown routes are NOT_FOUND with a JSON body', async () => {
    const res = await shared().call({ method: 'GET', url: '/api/v1/nothing?x=1', auth: null });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'no route GET /api/v1/nothing' });
    const method = await shared().call({ method: 'DELETE', url: '/api/v1/conversations', auth: null });
    expect(method.json().code).toBe('NOT_FOUND');
  });

  test('malformed JSON is MALFORMED_BODY, not a 500', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"statementId": 0, "vote": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_BODY');
    const empty = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('MALFORMED_BODY');
    const proto = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"x": 1}, "statementId": 0, "vote": "agree"}' });
    expect(proto.statusCode).toBe(400);
  });

  test('other media types are UNSUPPORTED_MEDIA_TYPE', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': type }, payload: 'statementId=0' });
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  test('bodies over the limit are BODY_TOO_LARGE', async () => {
    const t = await build({ bodyLimit: 2048 });
    const { id } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, payload: { text: 'x'.repeat(4000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
  });

  test('5xx messages are hidden', async () => {
    const t = await build();
    await t.app.db.close();
    const res = await t.call({ method: 'GET', url: '/api/v1/conversations/abc', auth: null });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal server error' });
  });

  test('toErrorBody maps ApiError, fastify codes and unknown errors', () => {
    expect(toErrorBody(apiError('STATEMENT_REJECTED', 'no'))).toEqual({ statusCode: 409, code: 'STATEMENT_REJECTED', message: 'no' });
    expect(toErrorBody(Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE' });
    expect(toErrorBody(new TypeError('secret detail'))).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal server error' });
    for (const [code, { status }] of Object.entries(errorCodes)) expect(status, code).toBeGreaterThanOrEqual(400);
  });
});
