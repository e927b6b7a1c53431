// Entry point: `pnpm bench <name> [flags]`. Progress goes to stderr; the last stdout line is one JSON object.
import { parseBenchArgs, type BenchArgs } from './args.js';
import { machine } from './child/machine.js';
import { coreSuite } from './suites/coreSuite.js';
import { csvSuite } from './suites/csvSuite.js';
import { generateSuite } from './suites/generateSuite.js';
import { incrementalSuite } from './suites/incrementalSuite.js';
import { poolSuite } from './suites/poolSuite.js';
import { realSuite } from './suites/realSuite.js';
import { seedsSuite } from './suites/seedsSuite.js';

const suites: Record<string, (args: BenchArgs) => Promise<Record<string, unknown>>> = {
  core: coreSuite,
  incremental: incrementalSuite,
  csv: csvSuite,
  real: realSuite,
  generate: generateSuite,
  pool: poolSuite,
  seeds: seedsSuite,
};

const usage = `usage: pnpm bench <${[...Object.keys(suites), 'server', 'similarity'].join('|')}> [--participants N] [--comments M] [--density D] [--groups G]
  [--seed S] [--seeds N] [--runs R] [--batch B] [--updates U] [--conversations C] [--data DIR]... [--file votes.csv] [--out DIR] [--baseline-cells C]
  [--set key=value]... [--no-baseline] [--no-replay] [--replay] [--idle-wait SECONDS] [--timeout SECONDS] [--heap-mb MB] [--warmup 0|1] [--keep]
server: [--case default|big|cluster|push] [--duration S] [--connections C] [--participants N] [--workers W] [--debounce-ms MS]
  cluster case (chosen by any of these): [--db postgres://…] [--instances N] [--compare] [--runs R] [--probes P] [--statements M]
  (see bench/README.md, "The server bench")`;

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  // The server and duplicate-finder benches run the server's code with their own flags (packages/server/bench/).
  if (name === 'server' || name === 'similarity') {
    const { spawnSync } = await import('node:child_process');
    const script = new URL(`../packages/server/bench/${name === 'server' ? 'serverBench' : 'similarityBench'}.ts`, import.meta.url).pathname;
    const run = spawnSync(process.execPath, [...process.execArgv, script, ...rest], { stdio: 'inherit' });
    process.exit(run.status ?? 1);
  }
  const suite = name === undefined ? undefined : suites[name];
  if (!suite) {
    process.stderr.write(`${name === undefined ? 'missing bench name' : `unknown bench: ${name}`}\n${usage}\n`);
    process.exit(2);
  }
  const args = parseBenchArgs(rest);
  const before = machine();
  const result = await suite(args);
  const after = machine();
  // Other work may change core while a long bench runs: say so rather than mislabel the figures.
  const commit = before.commit === after.commit ? after.commit : `${before.commit} → ${after.commit} (changed during the run)`;
  process.stdout.write(`${JSON.stringify({ ...result, machine: { ...after, commit } })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(1);
});
