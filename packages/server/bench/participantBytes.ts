// Bytes a participant's phone downloads per math update: GET …/math/participant (the slim view and
// "you") against GET …/math (the whole result, what the participant page fetched before issue #12).
// Usage: tsx --conditions=@kuulo/source packages/server/bench/participantBytes.ts [--participants 2000]
//        [--comments 800] [--density 0.1] [--groups 3] [--seed 1] [--requests 300]
// A synthetic conversation (bench/synthetic, planted groups) is imported into an in-process server,
// the math runs once, and one participant's reply is measured raw, gzip (level 6) and brotli
// (quality 4, as @fastify/compress, and 11). The last line printed is one JSON object.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { generateConversation } from '../../../bench/synthetic/generateConversation.js';
import { writePolisExport } from '../../../bench/synthetic/writePolisExport.js';
import { buildApp } from '../src/app.js';
import { parsePolisExport } from '../src/polis/parsePolisExport.js';
import { importConversation } from '../src/services/importConversation.js';

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '2000' },
    comments: { type: 'string', default: '800' },
    density: { type: 'string', default: '0.1' },
    groups: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    requests: { type: 'string', default: '300' },
  },
});
const participants = Number(values.participants);
const comments = Number(values.comments);
const density = Number(values.density);
const groups = Number(values.groups);
const seed = Number(values.seed);
const requests = Number(values.requests);
for (const [name, v] of Object.entries({ participants, comments, groups, requests })) {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer, got ${values[name as keyof typeof values]}`);
}
if (!(density > 0 && density <= 1)) throw new RangeError(`--density must be in (0, 1], got ${values.density}`);

const adminKey = 'kadm_participant-bytes-bench-000000';
const dir = mkdtempSync(join(tmpdir(), 'kuulo-participant-bytes-'));
const app = await buildApp({ dbPath: join(dir, 'bench.db'), adminKey, logger: false, math: { debounceMs: 60_000, maxWaitMs: 60_000 }, rateLimit: { perAddress: 0, perParticipant: 0 } });

/** Raw, gzip and brotli sizes of a reply body, in bytes. */
function sizes(body: string): { raw: number; gzip: number; br4: number; br11: number } {
  const bytes = Buffer.from(body);
  const br = (quality: number) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length, br4: br(4), br11: br(11) };
}

/** Mean time of `n` sequential requests through app.inject (no network), in milliseconds. */
async function meanMs(n: number, request: InjectOptions): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await app.inject(request);
  return (performance.now() - t0) / n;
}

try {
  const synthetic = generateConversation({ participants, comments, density, groups, seed });
  const files = writePolisExport(synthetic, join(dir, 'export'));
  const data = parsePolisExport({ format: 'polis-csv', files: { 'votes.csv': readFileSync(files.votes, 'utf8'), 'comments.csv': readFileSync(files.comments, 'utf8') } });
  const { conversation } = await importConversation(app.db, { id: 'participant-bytes', topic: 'Participant bytes bench', description: '', languages: ['en'] }, data, app.kuulo.config.limits);
  const api = `/api/v1/conversations/${conversation.slug}`;

  // One more participant who votes, so the reply carries "you".
  const joined = (await app.inject({ method: 'POST', url: `${api}/participants`, payload: {} })).json() as { pid: number; token: string };
  const headers = { 'x-participant-token': joined.token };
  for (let statementId = 0; statementId < Math.min(20, comments); statementId++) {
    const res = await app.inject({ method: 'POST', url: `${api}/votes`, headers, payload: { statementId, vote: statementId % 3 === 0 ? 'disagree' : 'agree' } });
    if (res.statusCode !== 200) throw new Error(`vote on ${statementId}: ${res.statusCode} ${res.body}`);
  }
  const t0 = performance.now();
  await app.kuulo.math.recompute(conversation.id);
  const mathMs = performance.now() - t0;
  const status = await app.kuulo.math.status(conversation.id);
  if (status.error) throw new Error(`math failed: ${status.error}`);

  const full = await app.inject({ method: 'GET', url: `${api}/math` });
  const slim = await app.inject({ method: 'GET', url: `${api}/math/participant`, headers });
  if (full.statusCode !== 200 || slim.statusCode !== 200) throw new Error(`GET math ${full.statusCode}, math/participant ${slim.statusCode}: ${slim.body.slice(0, 200)}`);
  const reply = slim.json() as { you: { pid: number } | null; view: { counts: { participants: number }; groups: unknown[] } };
  if (reply.you?.pid !== joined.pid) throw new Error(`the reply should place participant ${joined.pid}, got ${JSON.stringify(reply.you)}`);
  // What the server itself sends when the client accepts compression (if the app compresses JSON).
  const served = await app.inject({ method: 'GET', url: `${api}/math/participant`, headers: { ...headers, 'accept-encoding': 'br, gzip' } });

  const participantSizes = sizes(slim.body);
  const out = {
    bench: 'participant-bytes',
    participants: reply.view.counts.participants,
    statements: comments,
    votes: synthetic.vote.length,
    groups: reply.view.groups.length,
    math_ms: Math.round(mathMs),
    participant: participantSizes,
    full_math: sizes(full.body),
    served_participant: { encoding: served.headers['content-encoding'] ?? 'identity', bytes: served.rawPayload.length },
    target_compressed_bytes: 30_000,
    within_target: participantSizes.gzip <= 30_000 && participantSizes.br4 <= 30_000,
    mean_ms: {
      participant: Number((await meanMs(requests, { method: 'GET', url: `${api}/math/participant`, headers })).toFixed(3)),
      participant_304: Number((await meanMs(requests, { method: 'GET', url: `${api}/math/participant`, headers: { ...headers, 'if-none-match': slim.headers.etag as string } })).toFixed(3)),
      full_math: Number((await meanMs(Math.max(1, Math.round(requests / 10)), { method: 'GET', url: `${api}/math` })).toFixed(3)),
    },
  };
  console.log(JSON.stringify(out));
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
