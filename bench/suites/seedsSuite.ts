import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adjustedRandIndex, type ConversationOptions } from '../../packages/core/src/index.js';
import type { BenchArgs } from '../args.js';
import { readConversationFolder } from '../data/readConversationFolder.js';
import { createConversation, loadVotes, resultGroups, updateConversation } from '../pipeline/runPipeline.js';
import { median, round } from '../score/median.js';
import { scoreGroups } from '../score/scoreGroups.js';

const fixtures = fileURLToPath(new URL('../../packages/core/test/fixtures', import.meta.url));

/**
 * `seeds`: does a mode give the same groups whatever the seed? Every repository fixture (open data and
 * Polis math fixtures) plus each --data folder, one cold update per seed `--seed` … `--seed + --seeds − 1`
 * (default stable mode; `--set` adds or overrides options). Per conversation: k, group sizes and the ARI
 * against Polis's groups per seed, and the pairwise ARI between seeds (min and median). Accuracy, not
 * speed, is the point, so the runs share one process; `median_ms` is the median cold update over all runs.
 */
export async function seedsSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  const dirs = [...fixtureDirs(), ...args.data];
  const base: Record<string, unknown> = { mode: 'stable', ...args.coreOptions };
  const seeds = Array.from({ length: args.seeds }, (_, i) => args.seed + i);
  const conversations: Record<string, unknown>[] = [];
  const times: number[] = [];
  for (const dir of dirs) {
    const folder = readConversationFolder(dir);
    const runs = seeds.map((seed) => {
      const conversation = createConversation({ moderation: folder.moderation, options: { ...base, seed, strictModeration: folder.strictModeration } as ConversationOptions });
      const run = updateConversation(conversation, loadVotes(conversation, folder.votes));
      times.push(run.total);
      const grouping = resultGroups(run.result);
      const sizes = run.result.groups.map((g) => Array.from(grouping.groups).filter((x) => x === g.id).length).sort((a, b) => b - a);
      return { seed, grouping, sizes, k: run.result.groups.length, ms: run.total, ariPolis: folder.reference ? scoreGroups(grouping.participants, grouping.groups, folder.reference).ari : null };
    });
    const pairs: number[] = [];
    for (let i = 0; i < runs.length; i++) for (let j = i + 1; j < runs.length; j++) pairs.push(adjustedRandIndex(runs[i]!.grouping.groups, runs[j]!.grouping.groups));
    const entry = {
      name: folder.name,
      form: folder.form,
      participants: runs[0]!.grouping.participants.length,
      k: runs.map((r) => r.k),
      sizes: runs.map((r) => r.sizes),
      min_group: Math.min(...runs.flatMap((r) => r.sizes)),
      ari_polis: runs.map((r) => (r.ariPolis === null ? null : round(r.ariPolis, 4))),
      polis_k: folder.reference?.k ?? null,
      seed_ari_min: pairs.length > 0 ? round(Math.min(...pairs), 4) : 1,
      seed_ari_median: pairs.length > 0 ? round(median(pairs), 4) : 1,
      median_ms: round(median(runs.map((r) => r.ms)), 1),
    };
    process.stderr.write(`${entry.name}: k ${entry.k.join('/')} sizes ${entry.sizes.map((s) => s.join('+')).join(' ')} seed ARI min ${entry.seed_ari_min}\n`);
    conversations.push(entry);
  }
  const mins = conversations.map((c) => c.seed_ari_min as number);
  return {
    bench: 'seeds',
    config: { seeds, options: base, data: dirs },
    conversations,
    seed_ari_min: round(Math.min(...mins), 4),
    changed: conversations.filter((c) => (c.seed_ari_min as number) < 0.99).map((c) => c.name),
    smallest_group: Math.min(...conversations.map((c) => c.min_group as number)),
    median_ms: round(median(times), 1),
    peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

function fixtureDirs(): string[] {
  return ['open-data', 'polis-math-fixtures'].flatMap((sub) =>
    readdirSync(`${fixtures}/${sub}`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `${fixtures}/${sub}/${d.name}`).sort(),
  );
}
