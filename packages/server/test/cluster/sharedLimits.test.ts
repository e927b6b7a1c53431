import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/app.js';
import { PostgresDb } from '../../src/db/postgres.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const admin = 'kadm_limits-test-key-0123456789abcdef';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('instances sharing PostgreSQL', () => {
  test('write budgets hold across instances: a client spreading writes over two instances is refused at the shared limit, and no address is stored', async () => {
    const database = await freshPostgresDatabase();
    cleanups.push(database.drop);
    const apps = await Promise.all(
      [0, 1].map(() => buildApp({ dbPath: database.url, adminKey: admin, math: { enabled: false }, rateLimit: { perAddress: 6, perParticipant: 4 } })),
    );
    cleanups.unshift(async () => {
      for (const app of apps) await app.close();
    });
    const created = await apps[0]!.inject({ method: 'POST', url: '/api/v1/conversations', headers: { authorization: `Bearer ${admin}` }, payload: { id: 'limits', topic: 'Limits' } });
    expect(created.statusCode).toBe(201);
    for (let i = 0; i < 3; i++) {
      const seeded = await apps[i % 2]!.inject({ method: 'POST', url: '/api/v1/conversations/limits/seeds', headers: { authorization: `Bearer ${admin}` }, payload: { text: `Statement ${i}` } });
      expect(seeded.statusCode).toBe(201);
    }
    // One participant votes through both instances in turn: its budget of 4 is one budget (first contact has no participant key yet, so it is not counted).
    const first = await apps[0]!.inject({ method: 'POST', url: '/api/v1/conversations/limits/votes', payload: { statementId: 0, vote: 'agree' } });
    expect(first.statusCode).toBe(200);
    const token = (first.json() as { participant: { token: string } }).participant.token;
    const statuses: number[] = [first.statusCode];
    for (let i = 1; i < 6; i++) {
      const res = await apps[i % 2]!.inject({ method: 'POST', url: '/api/v1/conversations/limits/votes', headers: { 'x-participant-token': token }, payload: { statementId: i % 3, vote: 'agree' } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect((res.json() as { code: string }).code).toBe('RATE_LIMITED');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The address budget of 6 writes a minute (the votes above spent 6) is shared too: a new participant from the same address is refused on either instance.
    for (const app of apps) expect((await app.inject({ method: 'POST', url: '/api/v1/conversations/limits/participants', payload: {} })).statusCode).toBe(429);

    const db = apps[0]!.db as PostgresDb;
    const keys = (await db.column('SELECT key FROM kuulo_rate_limits')) as string[];
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(key).not.toMatch(/127\.0\.0\.1|::1|limits/);
  });
});
