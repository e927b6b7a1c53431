import { parseArgs } from 'node:util';

/** Every flag any bench understands, with its default. Sizes are flags so one entry point serves all. */
export interface BenchArgs {
  participants: number;
  comments: number;
  density: number;
  groups: number;
  seed: number;
  runs: number;
  /** New votes per incremental update. */
  batch: number;
  /** Consecutive warm updates timed by `incremental` (each adds --batch votes); their median is reported. */
  updates: number;
  /** Independent conversations computed at once by `pool`. */
  conversations: number;
  /** Seeds per conversation for `seeds` (--seed, --seed + 1, …). */
  seeds: number;
  /** Skip the dense baseline above this many cells (participants × statements). */
  baselineCells: number;
  /** Seconds before a child run is killed and reported as timed out. */
  timeout: number;
  /** Before each run wait up to this many seconds for the machine to be quiet (0: don't wait). */
  idleWait: number;
  /** Heap limit of each child, MB. */
  heapMb: number;
  /** Run the pipeline once on a small conversation first, so timings exclude JIT warm-up. */
  warmup: boolean;
  /** Run core's Polis-style `replay` (votes fed in time-ordered batches) instead of one cold update. */
  replay: boolean;
  /** Skip the replay runs of `real`. */
  noReplay: boolean;
  /** Conversation options from `--set key=value` (repeatable), e.g. `--set mode=stable`. */
  coreOptions: Record<string, string | number | boolean>;
  /** Skip the dense baseline entirely. */
  noBaseline: boolean;
  /** Extra export folders for `real`. */
  data: string[];
  /** A votes.csv for `csv` (default: a generated one in a temporary folder). */
  file: string | null;
  /** Output folder for `generate`. */
  out: string | null;
  /** Keep the temporary files of `csv`. */
  keep: boolean;
  /** Hand the vote columns to the conversation (`addVoteColumns` with adopt, keepTimes false) instead of copying them. */
  adopt: boolean;
  /** Run each child with glibc's malloc asking for transparent huge pages (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`). */
  hugePages: boolean;
  /** 2: the largest steps split with a worker thread (the CLI's helper thread, core's MathHelper); 1: one thread. */
  threads: number;
}

const numeric = {
  participants: { default: 10000, integer: true, min: 1 },
  comments: { default: 500, integer: true, min: 1 },
  density: { default: 0.1, integer: false, min: 1e-9 },
  groups: { default: 3, integer: true, min: 1 },
  seed: { default: 1, integer: true, min: -(2 ** 31) },
  runs: { default: 3, integer: true, min: 1 },
  batch: { default: 1000, integer: true, min: 1 },
  updates: { default: 5, integer: true, min: 1 },
  conversations: { default: 4, integer: true, min: 1 },
  seeds: { default: 5, integer: true, min: 1 },
  'baseline-cells': { default: 2e7, integer: false, min: 0 },
  timeout: { default: 900, integer: false, min: 1 },
  'heap-mb': { default: 16000, integer: true, min: 256 },
  'idle-wait': { default: 0, integer: false, min: 0 },
  threads: { default: 1, integer: true, min: 1 },
} as const;

/** Parse `argv` (without the bench name); throws naming the flag and the value on bad input. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...Object.fromEntries(Object.keys(numeric).map((key) => [key, { type: 'string' as const }])),
      warmup: { type: 'string' },
      'no-baseline': { type: 'boolean' },
      replay: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      'no-replay': { type: 'boolean' },
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      file: { type: 'string' },
      keep: { type: 'boolean' },
      adopt: { type: 'boolean' },
      'huge-pages': { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
  const read = (key: keyof typeof numeric): number => {
    const spec = numeric[key];
    const text = (values as Record<string, unknown>)[key] as string | undefined;
    if (text === undefined) return spec.default;
    const value = Number(text);
    if (!Number.isFinite(value) || (spec.integer && !Number.isInteger(value)) || value < spec.min) {
      throw new Error(`--${key} must be ${spec.integer ? 'an integer' : 'a number'} ≥ ${spec.min}, got "${text}"`);
    }
    return value;
  };
  const warmup = (values.warmup as string | undefined) ?? '1';
  if (warmup !== '0' && warmup !== '1') throw new Error(`--warmup must be 0 or 1, got "${warmup}"`);
  const density = read('density');
  if (density > 1) throw new Error(`--density must be at most 1, got "${density}"`);
  return {
    participants: read('participants'),
    comments: read('comments'),
    density,
    groups: read('groups'),
    seed: read('seed'),
    runs: read('runs'),
    batch: read('batch'),
    updates: read('updates'),
    conversations: read('conversations'),
    seeds: read('seeds'),
    baselineCells: read('baseline-cells'),
    timeout: read('timeout'),
    heapMb: read('heap-mb'),
    idleWait: read('idle-wait'),
    threads: read('threads'),
    warmup: warmup === '1',
    replay: Boolean(values.replay),
    coreOptions: parseSettings((values.set as string[] | undefined) ?? []),
    noReplay: Boolean(values['no-replay']),
    noBaseline: Boolean(values['no-baseline']),
    data: (values.data as string[] | undefined) ?? [],
    out: (values.out as string | undefined) ?? null,
    file: (values.file as string | undefined) ?? null,
    keep: Boolean(values.keep),
    adopt: Boolean(values.adopt),
    hugePages: Boolean(values['huge-pages']),
  };
}

/** `key=value` pairs as an options object: numbers and true/false are typed, anything else stays a string. */
function parseSettings(pairs: string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--set expects key=value, got "${pair}"`);
    const text = pair.slice(at + 1);
    out[pair.slice(0, at)] = text === 'true' ? true : text === 'false' ? false : text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}

/** The flags that reproduce `args` in a child process. */
export function toArgv(args: BenchArgs): string[] {
  return [
    '--participants', String(args.participants),
    '--comments', String(args.comments),
    '--density', String(args.density),
    '--groups', String(args.groups),
    '--seed', String(args.seed),
    '--batch', String(args.batch),
    '--updates', String(args.updates),
    '--conversations', String(args.conversations),
    '--warmup', args.warmup ? '1' : '0',
    // Without this a `core --replay` child silently ran the cold pipeline.
    ...(args.replay ? ['--replay'] : []),
    ...(args.adopt ? ['--adopt'] : []),
    '--threads', String(args.threads),
    ...settingsArgv(args),
  ];
}

/** `--set key=value` flags for the conversation options in `args`. */
export function settingsArgv(args: BenchArgs): string[] {
  return Object.entries(args.coreOptions).flatMap(([key, value]) => ['--set', `${key}=${String(value)}`]);
}
