// What the flood and bad-faith signals cost (services/participantFlags.ts): the first read of a
// conversation's votes after a start (cold), and a later call after `--new` more votes (incremental),
// which is what a moderator's flagged list or queue pays while people vote.
// Usage: tsx --conditions=@kuulo/source packages/server/bench/participantFlagsCost.ts [--participants 50000]
//        [--votes 20] [--statements 5000] [--runs 3] [--new 1000]
// Votes arrive 4–10 s apart per participant (real voters' pace); 1 % vote in one-second bursts. The
// last line printed is one JSON object.
import { parseArgs } from 'node:util';
import type { SqliteDb } from '../src/db/sqlite.js';
import { openDatabase } from '../src/plugins/db.js';
import { createConversation } from '../src/services/createConversation.js';
import { conversationFlags, forgetFlags } from '../src/services/participantFlags.js';

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '50000' },
    votes: { type: 'string', default: '20' },
    statements: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    new: { type: 'string', default: '1000' },
  },
});
const sizes = { participants: Number(values.participants), votes: Number(values.votes), statements: Number(values.statements), runs: Number(values.runs), new: Number(values.new) };
for (const [name, v] of Object.entries(sizes)) {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer, got ${values[name as keyof typeof values]}`);
}
if (sizes.votes > sizes.statements) throw new RangeError(`--votes (${sizes.votes}) cannot exceed --statements (${sizes.statements})`);

const db = (await openDatabase({ path: ':memory:', synchronous: 'NORMAL' })) as SqliteDb;
const { conversation } = await createConversation(db, { topic: 'Flags bench' }, { topicLength: 1000, descriptionLength: 5000 });
const id = conversation.id;
const t0 = 1_700_000_000_000;
// An LCG so every run writes the same conversation.
let state = 1;
const random = () => ((state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);

const load = performance.now();
db.connection.transaction(() => {
  const statement = db.connection.prepare("INSERT INTO statements (conversation_id, tid, author_pid, text, is_seed, moderation, created_at) VALUES (?, ?, ?, ?, 0, 1, ?)");
  for (let tid = 0; tid < sizes.statements; tid++) statement.run(id, tid, tid % sizes.participants, `statement ${tid}`, t0 + tid * 30_000);
  const participant = db.connection.prepare('INSERT INTO participants (conversation_id, pid, created_at) VALUES (?, ?, ?)');
  const history = db.connection.prepare('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)');
  const current = db.connection.prepare('INSERT OR REPLACE INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)');
  for (let pid = 0; pid < sizes.participants; pid++) {
    const start = t0 + Math.floor(random() * 30 * 86_400_000);
    participant.run(id, pid, start);
    const fast = random() < 0.01;
    let at = start;
    for (let k = 0; k < sizes.votes; k++) {
      const tid = Math.floor(random() * sizes.statements);
      const vote = Math.floor(random() * 3) - 1;
      at += fast ? 800 : 4000 + Math.floor(random() * 6000);
      history.run(id, pid, tid, vote, at);
      current.run(id, pid, tid, vote, at);
    }
  }
})();
const loadMs = performance.now() - load;

const times: number[] = [];
let flagged = 0;
for (let r = 0; r < sizes.runs; r++) {
  forgetFlags(db, id);
  const start = performance.now();
  flagged = (await conversationFlags(db, id)).size;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const cached = performance.now();
await conversationFlags(db, id);
const cachedMs = performance.now() - cached;
// New votes from new and returning participants, then one call.
const insertNew = db.connection.prepare('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)');
const currentNew = db.connection.prepare('INSERT OR REPLACE INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)');
const incremental: number[] = [];
for (let r = 0; r < sizes.runs; r++) {
  db.connection.transaction(() => {
    for (let k = 0; k < sizes.new; k++) {
      const pid = Math.floor(random() * sizes.participants * 1.1);
      const tid = Math.floor(random() * sizes.statements);
      const at = t0 + 31 * 86_400_000 + r * 60_000 + k;
      insertNew.run(id, pid, tid, 1, at);
      currentNew.run(id, pid, tid, 1, at);
    }
  })();
  const start = performance.now();
  await conversationFlags(db, id);
  incremental.push(performance.now() - start);
}
incremental.sort((a, b) => a - b);
const votes = (await db.value('SELECT count(*) FROM current_votes WHERE conversation_id = ?', id));
console.error(`loaded ${votes} votes in ${Math.round(loadMs)} ms`);
console.log(
  JSON.stringify({
    ...sizes,
    current_votes: votes,
    flagged,
    median_ms: Math.round(times[Math.floor(times.length / 2)]!),
    runs_ms: times.map(Math.round),
    cached_ms: Number(cachedMs.toFixed(3)),
    incremental_median_ms: Number(incremental[Math.floor(incremental.length / 2)]!.toFixed(1)),
    peak_rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  }),
);
