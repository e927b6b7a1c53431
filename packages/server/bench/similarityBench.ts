// Cost of the duplicate finder per new statement in a conversation of N statements (issue #15).
// Usage: tsx --conditions=@kuulo/source packages/server/bench/similarityBench.ts
//          [--statements 1000,10000] [--new 200] [--runs 5] [--lang en|fi|sv] [--seed 1] [--page 50]
// Each run is its own process. Per run and size: the statements are stored in SQLite (in memory), the
// index is built from them as after a restart (`build_ms`), then `--new` statements arrive one at a
// time, each stored and handed to the index through indexNewStatements as the server does
// (`add_ms`: median and p95 over the arrivals), and a queue page's similarFor is timed (`page_ms`,
// `--page` statements). The medians over the runs are reported. The last line printed is one JSON object.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setImmediate as nextTurn } from 'node:timers/promises';

const { values } = parseArgs({
  options: {
    statements: { type: 'string', default: '1000,10000' },
    new: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    lang: { type: 'string', default: 'en' },
    seed: { type: 'string', default: '1' },
    page: { type: 'string', default: '50' },
    child: { type: 'boolean', default: false },
  },
});

/** A flag's value as an integer ≥ min, or a RangeError naming the flag and the value. */
function int(text: string | undefined, name: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  return n;
}

const sizes = (values.statements ?? '').split(',').map((s) => int(s.trim(), 'statements', 1));
const arrivals = int(values.new, 'new', 1);
const runs = int(values.runs, 'runs', 1);
const seed = int(values.seed, 'seed', 0);
const page = int(values.page, 'page', 1);
const lang = values.lang;
if (lang !== 'en' && lang !== 'fi' && lang !== 'sv') throw new RangeError(`--lang must be en, fi or sv, got ${JSON.stringify(lang)}`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const round = (x: number): number => Math.round(x * 1000) / 1000;

interface RunResult {
  statements: number;
  build_ms: number;
  build_cpu_ms: number;
  add_ms_median: number;
  add_ms_p95: number;
  add_ms_max: number;
  /** CPU time (user + system) of the process per arrival: less disturbed than wall time on a busy machine. */
  add_cpu_ms_median: number;
  add_cpu_ms_p95: number;
  page_ms: number;
  duplicates_found: number;
  peak_rss_mb: number;
}

async function child(): Promise<void> {
  const [{ openDatabase }, { insertStatement }, { indexNewStatements, similarFor }, { syntheticStatements }] = await Promise.all([
    import('../src/plugins/db.js'),
    import('../src/repositories/statements.js'),
    import('../src/similarity/similarFor.js'),
    import('./syntheticStatements.js'),
  ]);
  const results: RunResult[] = [];
  for (const n of sizes) {
    const db = await openDatabase({ path: ':memory:', synchronous: 'NORMAL' });
    const now = Date.now();
    const cid = (await db.value('INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id', `bench-${n}`, 'bench', 'x', seed, now, now)) as number;
    const texts = syntheticStatements(n + arrivals, lang as 'en', seed);
    const store = async (i: number) =>
      await insertStatement(db, cid, { authorPid: null, text: texts[i]!, textKey: null, lang, langSource: 'author', isSeed: false, isMeta: false, moderation: 0, createdAt: now + i });
    await db.transaction(async () => {
      for (let i = 0; i < n; i++) await store(i);
    });
    // The build after a restart: chunks across turns of the event loop until every statement is in.
    const buildCpu = process.cpuUsage();
    let start = performance.now();
    let index = await indexNewStatements(db, cid);
    while (index.neighbours(n - 1) === undefined) {
      await nextTurn();
      index = await indexNewStatements(db, cid);
    }
    const build = performance.now() - start;
    const buildUsed = process.cpuUsage(buildCpu);
    const adds: number[] = [];
    const cpu: number[] = [];
    for (let i = n; i < n + arrivals; i++) {
      await store(i);
      const cpuStart = process.cpuUsage();
      start = performance.now();
      await indexNewStatements(db, cid);
      adds.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const tids = Array.from({ length: page }, (_, i) => n + arrivals - 1 - i);
    start = performance.now();
    const found = await similarFor(db, cid, tids);
    const pageMs = performance.now() - start;
    results.push({
      statements: n,
      build_ms: round(build),
      build_cpu_ms: round((buildUsed.user + buildUsed.system) / 1000),
      add_ms_median: round(median(adds)),
      add_ms_p95: round(quantile(adds, 0.95)),
      add_ms_max: round(Math.max(...adds)),
      add_cpu_ms_median: round(median(cpu)),
      add_cpu_ms_p95: round(quantile(cpu, 0.95)),
      page_ms: round(pageMs),
      duplicates_found: [...found.values()].filter((r) => r.duplicateOf !== null).length,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    await db.close();
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

function parent(): void {
  const script = fileURLToPath(import.meta.url);
  const perRun: RunResult[][] = [];
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`similarity run ${r + 1}/${runs}: statements ${sizes.join(', ')}, ${arrivals} arrivals, ${lang}\n`);
    const args = [...process.execArgv, script, '--child', '--statements', sizes.join(','), '--new', String(arrivals), '--lang', lang!, '--seed', String(seed), '--page', String(page)];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`run ${r + 1} failed with exit code ${run.status}`);
    perRun.push(JSON.parse(run.stdout.trim().split('\n').at(-1)!) as RunResult[]);
  }
  const bySize = sizes.map((n, i) => {
    const rows = perRun.map((run) => run[i]!);
    const pick = (key: keyof RunResult) => round(median(rows.map((row) => row[key])));
    return {
      statements: n,
      add_ms_median: pick('add_ms_median'),
      add_ms_p95: pick('add_ms_p95'),
      add_ms_max: pick('add_ms_max'),
      add_cpu_ms_median: pick('add_cpu_ms_median'),
      add_cpu_ms_p95: pick('add_cpu_ms_p95'),
      build_ms: pick('build_ms'),
      build_cpu_ms: pick('build_cpu_ms'),
      page_ms: pick('page_ms'),
      duplicates_found_in_page: pick('duplicates_found'),
      peak_rss_mb: pick('peak_rss_mb'),
      runs: rows.map((row) => row.add_ms_median),
    };
  });
  const largest = bySize.at(-1)!;
  process.stdout.write(
    `${JSON.stringify({ bench: 'similarity', provider: 'lexical', lang, new: arrivals, page, runs, seed, median_ms: largest.add_ms_median, peak_rss_mb: largest.peak_rss_mb, sizes: bySize })}\n`,
  );
}

if (values.child) await child();
else parent();
