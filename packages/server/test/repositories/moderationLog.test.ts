import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/plugins/db.js';
import { listModerationLog, logModeration, moderationLogCount } from '../../src/repositories/moderationLog.js';
import { excludedPids, excludeParticipant, findExclusion, includeParticipant, listExclusions } from '../../src/repositories/participantExclusions.js';
import { createConversation } from '../../src/services/createConversation.js';

const limits = { topicLength: 1000, descriptionLength: 5000, statementLength: 1000, statementsPerConversation: 100 };

async function setup() {
  const db = await openDatabase({ path: ':memory:', synchronous: 'NORMAL' });
  const a = (await createConversation(db, { topic: 'A' }, limits)).conversation.id;
  const b = (await createConversation(db, { topic: 'B' }, limits)).conversation.id;
  return { db, a, b };
}

describe('logModeration / listModerationLog', () => {
  test('appends entries with their JSON detail and lists them oldest first, per conversation, by id', async () => {
    const { db, a, b } = await setup();
    const first = await logModeration(db, { conversationId: a, actor: 'moderator', action: 'statement.reject', target: 'statement:4', detail: { from: 'pending', duplicateOf: 2 }, at: 1000 });
    await logModeration(db, { conversationId: b, actor: 'admin', action: 'conversation.close' });
    const third = await logModeration(db, { conversationId: a, actor: 'admin', action: 'participant.exclude', target: 'participant:7', at: 2000 });
    expect(third).toBeGreaterThan(first);
    expect(await listModerationLog(db, a, { limit: 10 })).toEqual([
      { id: first, conversationId: a, at: 1000, actor: 'moderator', action: 'statement.reject', target: 'statement:4', detail: { from: 'pending', duplicateOf: 2 } },
      { id: third, conversationId: a, at: 2000, actor: 'admin', action: 'participant.exclude', target: 'participant:7', detail: null },
    ]);
    expect((await listModerationLog(db, a, { after: first, limit: 10 })).map((e) => e.id)).toEqual([third]);
    expect((await listModerationLog(db, a, { limit: 1 })).map((e) => e.id)).toEqual([first]);
    const [conversationWide] = await listModerationLog(db, b, { limit: 10 });
    expect(conversationWide).toMatchObject({ target: null, detail: null });
    expect(Math.abs(conversationWide!.at - Date.now())).toBeLessThan(5000);
    expect(await moderationLogCount(db, a)).toBe(2);
  });
});

describe('participant exclusions', () => {
  test('exclude, list and include; a second exclusion keeps the first actor and time', async () => {
    const { db, a, b } = await setup();
    expect(await excludeParticipant(db, a, { pid: 7, reason: 'fast', actor: 'moderator', excludedAt: 10 })).toBe(true);
    expect(await excludeParticipant(db, a, { pid: 7, reason: 'fast votes', actor: 'admin', excludedAt: 20 })).toBe(false);
    await excludeParticipant(db, b, { pid: 8, reason: '', actor: 'admin', excludedAt: 30 });
    expect(await findExclusion(db, a, 7)).toEqual({ pid: 7, reason: 'fast votes', actor: 'moderator', excludedAt: 10 });
    expect([...await excludedPids(db, a)]).toEqual([7]);
    expect([...(await listExclusions(db, b)).keys()]).toEqual([8]);
    expect(await includeParticipant(db, a, 7)).toBe(true);
    expect(await includeParticipant(db, a, 7)).toBe(false);
    expect((await excludedPids(db, a)).size).toBe(0);
  });
});
