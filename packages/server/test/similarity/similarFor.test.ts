import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, test, vi } from 'vitest';
import { findConversation } from '../../src/repositories/conversations.js';
import { insertStatement } from '../../src/repositories/statements.js';
import { lexicalProvider, type IndexedStatement, type SimilarityProvider } from '../../src/similarity/provider.js';
import { indexNewStatements, setSimilarityProvider, similarFor, similarityProvider } from '../../src/similarity/similarFor.js';
import { createConversation, join, seed, sharedApp, type TestApp } from '../helper.js';

// Building the app compiles every route schema: on a 2-core machine shared with other suites that can pass the 10 s default.
vi.setConfig({ hookTimeout: 60_000 });
const shared = sharedApp();

async function conversation(t: TestApp, body: Record<string, unknown> = {}) {
  const c = await createConversation(t, body);
  return { ...c, cid: (await findConversation(t.app.db, c.id))!.id };
}

async function submit(t: TestApp, id: string, text: string, lang?: string): Promise<number> {
  const { token } = await join(t, id);
  const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': token }, payload: { text, ...(lang && { lang }) } });
  expect(res.statusCode).toBe(201);
  return res.json().statement.id;
}

describe('similarFor(db, conversationId, tids)', () => {
  test('names the earlier statement a new one repeats, with scores best first', async () => {
    const t = shared();
    const { id, cid } = await conversation(t);
    const [cars, trees] = await seed(t, id, ['Private cars should be let back onto the main street.', 'The street needs more trees and benches.']);
    const repeat = await submit(t, id, 'Private cars should be allowed back on the main street');
    const other = await submit(t, id, 'The library should open on Sundays.');
    const result = await similarFor(t.app.db, cid, [repeat, other, trees!, 999]);
    expect(result.get(repeat)!.duplicateOf).toBe(cars);
    expect(result.get(repeat)!.similar[0]).toMatchObject({ statementId: cars });
    expect(result.get(repeat)!.similar[0]!.score).toBeGreaterThanOrEqual(similarityProvider(t.app.db).duplicateThreshold);
    expect(result.get(other)!.duplicateOf).toBeNull();
    expect(result.get(other)!.similar.every((s) => s.score < 0.3)).toBe(true);
    // A statement only repeats earlier ones; the later repeat is still listed as similar to it.
    expect(result.get(cars!)).toBeUndefined();
    const back = (await similarFor(t.app.db, cid, [cars!])).get(cars!)!;
    expect([back.similar[0]!.statementId, back.duplicateOf]).toEqual([repeat, null]);
    expect(result.has(999)).toBe(false);
  });

  test('finds repeats in Finnish and Swedish: inflection, compounds, text without å/ä/ö', async () => {
    const t = shared();
    const { id, cid } = await conversation(t, { languages: ['fi', 'sv', 'en'] });
    const [fi, sv] = await seed(t, id, ['Hämeentiellä on nyt hiljaisempaa ja turvallisempaa kävellä kuin ennen.', 'Taxi och färdtjänst måste även i fortsättningen kunna stanna nära portarna.']);
    const fiRepeat = await submit(t, id, 'Hameentiella on nyt hiljaisempaa ja turvallisempaa kavella kuin ennen', 'fi');
    const svRepeat = await submit(t, id, 'Taxibilar och färdtjänst måste även i fortsättningen kunna stanna nära portar.', 'sv');
    const result = await similarFor(t.app.db, cid, [fiRepeat, svRepeat]);
    expect(result.get(fiRepeat)!.duplicateOf).toBe(fi);
    expect(result.get(svRepeat)!.duplicateOf).toBe(sv);
  });

  test("leaves rejected statements out and puts the moderator's choice first", async () => {
    const t = shared();
    const { id, cid, moderatorKey } = await conversation(t);
    const [first] = await seed(t, id, ['Buses should run more often in the evening.']);
    const second = await submit(t, id, 'Buses should run more often in the evenings!');
    const third = await submit(t, id, 'Buses really should run more often in the evening.');
    expect((await similarFor(t.app.db, cid, [third])).get(third)!.similar.map((s) => s.statementId).sort()).toEqual([first, second].sort());
    const patch = (tid: number, payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, auth: moderatorKey, payload });
    expect((await patch(first!, { moderation: 'rejected' })).statusCode).toBe(200);
    expect((await similarFor(t.app.db, cid, [third])).get(third)).toMatchObject({ similar: [{ statementId: second }], duplicateOf: second });
    // The moderator named another statement than the finder's best guess: that one wins.
    const fourth = await submit(t, id, 'Trams should run more often in the evening.');
    expect((await patch(third, { moderation: 'rejected', duplicateOf: fourth })).statusCode).toBe(200);
    expect((await similarFor(t.app.db, cid, [third])).get(third)!.duplicateOf).toBe(fourth);
  });

  test('indexes only the statements that arrived since the last call', async () => {
    // The shared app's database gets the test's provider, and the lexical one back afterwards.
    const t = shared();
    try {
      const added: number[] = [];
      const lexical = lexicalProvider();
      const counting: SimilarityProvider = {
        name: 'counting',
        duplicateThreshold: lexical.duplicateThreshold,
        createIndex() {
          const index = lexical.createIndex();
          return { add: (s: readonly IndexedStatement[]) => (added.push(s.length), index.add(s)), neighbours: (tid) => index.neighbours(tid) };
        },
      };
      setSimilarityProvider(t.app.db, counting);
      const { id, cid } = await conversation(t);
      await seed(t, id, ['One statement.', 'Another statement.', 'A third statement.']);
      const repeat = await submit(t, id, 'A third statement!');
      await nextTurn();
      // Each seed and submission scheduled its own indexing after its reply: one statement per add.
      expect(added).toEqual([1, 1, 1, 1]);
      expect((await similarFor(t.app.db, cid, [repeat])).get(repeat)!.duplicateOf).toBe(2);
      expect(added).toEqual([1, 1, 1, 1]);
    } finally {
      setSimilarityProvider(t.app.db, lexicalProvider());
    }
  });

  test('an asynchronous provider (an embedding service) is used once it answers', async () => {
    // The shared app's database gets the test's provider, and the lexical one back afterwards.
    const t = shared();
    try {
      const waiting: (() => void)[] = [];
      const release = () => waiting.splice(0).forEach((go) => go());
      const embedded = new Map<number, { tid: number; score: number }[]>();
      const slow: SimilarityProvider = {
        name: 'fake-embeddings',
        duplicateThreshold: 0.9,
        createIndex: () => ({
          add: (statements) =>
            new Promise<void>((resolve) => {
              waiting.push(() => {
                // Everything is "similar" to the statement before it, at 0.95.
                for (const s of statements) embedded.set(s.tid, s.tid > 0 ? [{ tid: s.tid - 1, score: 0.95 }] : []);
                resolve();
              });
            }),
          neighbours: (tid) => embedded.get(tid),
        }),
      };
      setSimilarityProvider(t.app.db, slow);
      const { id, cid } = await conversation(t);
      await seed(t, id, ['Alpha.', 'Beta.']);
      expect((await similarFor(t.app.db, cid, [1])).get(1)).toEqual({ similar: [], duplicateOf: null });
      // Each seed was handed over after its reply; answer them all, then whatever came in the meantime.
      for (let turn = 0; turn < 3; turn++) {
        release();
        await nextTurn();
      }
      expect((await similarFor(t.app.db, cid, [1])).get(1)).toEqual({ similar: [{ statementId: 0, score: 0.95 }], duplicateOf: 0 });
    } finally {
      setSimilarityProvider(t.app.db, lexicalProvider());
    }
  });

  test('builds a large conversation in time-boxed slices across turns of the event loop', async () => {
    const t = shared();
    const { cid } = await conversation(t);
    const db = t.app.db;
    await db.transaction(async () => {
      for (let i = 0; i < 600; i++) {
        await insertStatement(db, cid, { authorPid: null, text: `Statement number ${i} about topic ${i % 37}`, textKey: null, lang: 'en', langSource: 'author', isSeed: true, isMeta: false, moderation: 1, createdAt: i });
      }
    });
    // With no time budget the call adds one slice of 16 statements and leaves the rest to later turns.
    const index = await indexNewStatements(db, cid, { budgetMs: 0 });
    expect(index.neighbours(15)).toBeDefined();
    expect(index.neighbours(16)).toBeUndefined();
    // The later turns (25 ms each by default) finish the rest.
    for (let turn = 0; turn < 500 && index.neighbours(599) === undefined; turn++) await nextTurn();
    expect(index.neighbours(599)).toBeDefined();
    // A whole queue at once (sorting by similarity) reads the states in one pass: same answers as page by page.
    const all = Array.from({ length: 600 }, (_, i) => i);
    const whole = await similarFor(db, cid, all);
    expect(whole.size).toBe(600);
    expect(whole.get(599)).toEqual((await similarFor(db, cid, [599])).get(599));
  });
});
