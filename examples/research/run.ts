import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithPolis, type PolisAgreement } from './compareWithPolis.js';

// Usage: run.ts [folder] [--batches N] [--seed N]
// The folder holds Polis open-data exports, one per subfolder (or is one itself). Prints a markdown table.

const defaultFolder = fileURLToPath(new URL('../../packages/core/test/fixtures/open-data/', import.meta.url));

function parseArgs(argv: string[]): { folder: string; batches: number; seed: number } {
  let folder: string | undefined;
  let batches = 500;
  let seed = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--batches' || arg === '--seed') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || (arg === '--batches' && value < 1)) throw new Error(`${arg} needs ${arg === '--batches' ? 'a positive' : 'an'} integer, got ${argv[i]}`);
      if (arg === '--batches') batches = value;
      else seed = value;
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; usage: run.ts [folder] [--batches N] [--seed N]`);
    else folder = arg;
  }
  // pnpm runs scripts inside the package folder; INIT_CWD is where the user typed the command.
  return { folder: folder === undefined ? defaultFolder : resolve(process.env.INIT_CWD ?? process.cwd(), folder), batches, seed };
}

/** Export folders (those with votes.csv, comments.csv and participants-votes.csv), by name. */
function conversationsIn(folder: string): { name: string; dir: string }[] {
  const complete = (dir: string) => ['votes.csv', 'comments.csv', 'participants-votes.csv'].every((f) => existsSync(join(dir, f)));
  if (!existsSync(folder)) throw new Error(`${folder}: no such folder`);
  if (complete(folder)) return [{ name: basename(folder), dir: folder }];
  const found = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && complete(join(folder, e.name)))
    .map((e) => ({ name: e.name, dir: join(folder, e.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (found.length === 0) throw new Error(`${folder}: no Polis open-data export (votes.csv, comments.csv, participants-votes.csv) in it or its subfolders`);
  return found;
}

function markdownTable(rows: PolisAgreement[], batches: number): string {
  const lines = [
    '| conversation | participants compared | Polis groups | our groups | ARI (replayed) | ARI (replayed, Polis era) | ARI (Polis era, no vote-count rule) | in-conv Jaccard (replayed / era) | ARI (cold single update) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.conversation} | ${r.participants} | ${r.polisGroups} | ${r.groups} | ${r.ari.toFixed(3)} | ${r.eraAri.toFixed(3)} | ${r.eraNoCountAri.toFixed(3)} | ${r.inConv.toFixed(3)} / ${r.eraInConv.toFixed(3)} | ${r.coldAri.toFixed(3)} |`,
    ),
  ];
  const note = `Replayed: votes in time order in ${batches} updates, then Polis's restart tick. Polis era: the same with \`polisEra: 'auto'\` (no vote-count rule: \`inConvCountsModeratedOut\` off). Cold: all votes in one update.`;
  const medians = `Median ARI: replayed ${median(rows.map((r) => r.ari)).toFixed(3)}, Polis era ${median(rows.map((r) => r.eraAri)).toFixed(3)}, Polis era without the vote-count rule ${median(rows.map((r) => r.eraNoCountAri)).toFixed(3)}, cold ${median(rows.map((r) => r.coldAri)).toFixed(3)}.`;
  return `${lines.join('\n')}\n\n${note}\n${medians}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

try {
  const { folder, batches, seed } = parseArgs(process.argv.slice(2));
  const rows = conversationsIn(folder).map(({ name, dir }) => {
    process.stderr.write(`${name}…\n`);
    return compareWithPolis(dir, name, { batches, seed });
  });
  process.stdout.write(markdownTable(rows, batches));
} catch (error) {
  process.stderr.write(`research: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
