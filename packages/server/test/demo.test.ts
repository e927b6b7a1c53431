import { expect, test } from 'vitest';
import { demoConversationId, demoDir, ensureDemoConversation } from '../src/demo.js';
import { build } from './helper.js';

test('ensureDemoConversation imports the bundled conversation once', async () => {
  const t = await build();
  const first = ensureDemoConversation(t.app);
  expect(first.created).toBe(true);
  expect(first.moderatorKey).toMatch(/^kmod_/);
  expect(ensureDemoConversation(t.app)).toEqual({ created: false });
  const c = (await t.call({ method: 'GET', url: `/api/v1/conversations/${demoConversationId}`, auth: null })).json();
  expect(c).toMatchObject({ topic: '$15/hour', languages: ['en'], open: true });
  expect(c.counts.participants).toBeGreaterThan(300);
  expect(demoDir()).toMatch(/demo\/15-per-hour-seattle\/$/);
  expect(() => demoDir('file:///nowhere/src/demo.ts')).toThrow('demo data not found near /nowhere/src/demo.ts');
});
