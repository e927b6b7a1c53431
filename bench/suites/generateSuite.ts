import type { BenchArgs } from '../args.js';
import { peakRssMb } from '../child/emit.js';
import { round } from '../score/median.js';
import { generateConversation } from '../synthetic/generateConversation.js';
import { writePolisExport } from '../synthetic/writePolisExport.js';

/** `generate`: write a synthetic conversation as a Polis export (plus truth.json) to --out. */
export async function generateSuite(args: BenchArgs): Promise<Record<string, unknown>> {
  if (args.out === null) throw new Error('generate needs --out <dir>');
  const started = performance.now();
  const conversation = generateConversation({ participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed });
  const generated = performance.now();
  const files = writePolisExport(conversation, args.out);
  const written = performance.now();
  return {
    bench: 'generate',
    config: { participants: args.participants, comments: args.comments, density: args.density, groups: args.groups, seed: args.seed },
    votes: conversation.vote.length,
    realized_density: round(conversation.vote.length / (args.participants * args.comments), 4),
    common_ground: Array.from(conversation.truth.commonGround),
    files,
    stages_ms: { generate: round(generated - started, 1), write: round(written - generated, 1) },
    median_ms: round(written - started, 1),
    peak_rss_mb: peakRssMb(),
  };
}
