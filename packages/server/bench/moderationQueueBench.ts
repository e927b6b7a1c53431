// What one moderation queue page costs (services/moderationQueue.ts) at a real crowd's size: the
// default pending page, a search, each sort and the 'flagged' state, after the similarity index is
// built (its build and incremental cost are similarityBench's). Statements are synthetic (half
// pending), each with its tally row, as the server stores them.
// Usage: tsx --conditions=@kuulo/source packages/server/bench/moderationQueueBench.ts [--statements 10000] [--runs 7] [--lang en]
// The last line printed is one JSON object.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/plugins/db.js';
import { insertStatement } from '../src/repositories/statements.js';
import { createConversation } from '../src/services/createConversation.js';
import { moderationQueue, type QueueQuery } from '../src/services/moderationQueue.js';
import { similarFor } from '../src/similarity/similarFor.js';
import { syntheticStatements, type BenchLanguage } from './syntheticStatements.js';

const { values } = parseArgs({ options: { statements: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' }, lang: { type: 'string', default: 'en' } } });
const statements = Number(values.statements);
const runs = Number(values.runs);
if (!Number.isInteger(statements) || statements < 1) throw new RangeError(`--statements must be a positive integer, got ${values.statements}`);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);
if (!['en', 'fi', 'sv'].includes(values.lang)) throw new RangeError(`--lang must be en, fi or sv, got ${values.lang}`);
const lang = values.lang as BenchLanguage;

const db = await openDatabase({ path: ':memory:', synchronous: 'NORMAL' });
const { conversation } = await createConversation(db, { topic: 'Queue bench' }, { topicLength: 1000, descriptionLength: 5000 });
const texts = syntheticStatements(statements, lang, 1);
await db.transaction(async (tx) => {
  for (const [i, text] of texts.entries()) {
    await insertStatement(tx, conversation.id, { authorPid: i, text, textKey: null, lang, langSource: 'author', isSeed: false, isMeta: false, moderation: i % 2 === 0 ? 0 : 1, createdAt: 1_700_000_000_000 + i * 1000 });
  }
});
const build = performance.now();
await similarFor(db, conversation.id, [0]);
const buildMs = performance.now() - build;

// A word that occurs in some statements: the first word of length ≥ 5 of statement 7.
const word = texts[7]!.split(/\s+/).find((w) => w.length >= 5) ?? texts[7]!.split(/\s+/)[0]!;
const cases: Record<string, QueueQuery> = {
  pending: {},
  search: { state: 'all', q: word },
  newest: { state: 'all', sort: 'newest' },
  votes: { state: 'all', sort: 'votes' },
  similar: { sort: 'similar' },
  flagged: { state: 'flagged' },
  lastPage: { state: 'all', offset: statements - 50 },
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result: Record<string, { ms: number; total: number }> = {};
for (const [name, query] of Object.entries(cases)) {
  const times: number[] = [];
  let total = 0;
  for (let r = 0; r <= runs; r++) {
    const start = performance.now();
    total = (await moderationQueue(db, conversation.id, query)).total;
    // The first run compiles and warms caches.
    if (r > 0) times.push(performance.now() - start);
  }
  result[name] = { ms: Math.round(median(times) * 100) / 100, total };
  process.stderr.write(`${name}: ${result[name].ms} ms (${total} statements match)\n`);
}
console.log(JSON.stringify({ statements, runs, lang, index_build_ms: Math.round(buildMs), search_word: word, median_ms: Math.max(...Object.values(result).map((r) => r.ms)), cases: result }));
