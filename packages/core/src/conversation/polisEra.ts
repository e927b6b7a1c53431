import type { ConversationOptions } from '../options.js';

/** Names of the Polis code-era rules `replay`'s `polisEra` can apply. */
export type PolisEraRuleName = 'inConvCountsModeratedOut' | 'zeroImputation' | 'baseK50' | 'baseIterations20' | 'baseIterations10' | 'pcaIterations10';

/** One difference between Polis's code of a period and today's: in force for ticks dated in [from, until). */
export interface PolisEraRule {
  name: PolisEraRuleName;
  /** First day the rule applies (UTC, ms since the epoch), or null: since the beginning. */
  from: number | null;
  /** First day it no longer applies (UTC, ms), or null: still in force. */
  until: number | null;
  /** The Conversation options that reproduce the period's code. */
  options: Omit<ConversationOptions, 'seed' | 'random' | 'mode'>;
  /** What Polis did then. */
  description: string;
}

/**
 * `replay`'s `polisEra`: 'off' (default) replays with today's algorithm; 'auto' applies at each tick
 * every rule in force on the tick's date (the time of its last vote); `{ rules }` is 'auto' with the
 * named rules switched on (true) or off (false), unnamed ones as in 'auto'.
 */
export type PolisEra = 'off' | 'auto' | { rules: Partial<Record<PolisEraRuleName, boolean>> };

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * Polis's code eras, from the history of its math (see docs/polis-groups-history.md); one rule set, by
 * date, for every conversation. Later rules win where two set the same option.
 */
export const polisEraRules: readonly PolisEraRule[] = [
  {
    name: 'inConvCountsModeratedOut',
    from: day('2017-02-27'),
    // Fixed in code 2017-10-31, but production kept the old count for participants arriving until late 2018.
    until: day('2019-01-01'),
    options: { inConvCountsModeratedOut: true },
    description: 'the vote count that decides who is clustered also counted moderated-out and meta statements',
  },
  {
    name: 'zeroImputation',
    from: null,
    until: day('2017-10-21'),
    options: { pcaImputation: 'zero' },
    description: 'missing votes were filled with 0 instead of the statement mean',
  },
  {
    name: 'baseK50',
    from: null,
    until: day('2017-04-14'),
    options: { baseK: 50 },
    description: '50 base clusters instead of 100',
  },
  {
    name: 'baseIterations10',
    from: null,
    until: day('2022-06-29'),
    options: { baseIterations: 10 },
    description: 'base k-means ran at most 10 iterations',
  },
  {
    name: 'baseIterations20',
    from: null,
    until: day('2017-12-08'),
    // Before base-iters was passed at all, k-means used its own default of 20 (this overrides baseIterations10).
    options: { baseIterations: 20 },
    description: 'base k-means ran with the k-means default of 20 iterations',
  },
  {
    name: 'pcaIterations10',
    from: null,
    until: day('2022-06-29'),
    options: { pcaSolver: 'power', pcaIterations: 10, pcaTolerance: 0 },
    description: 'PCA by power iteration with at most 10 iterations after the first product, stopping only on an exactly repeated norm',
  },
];

/** Checks a `polisEra` value, naming what is wrong. */
export function checkPolisEra(era: unknown): asserts era is PolisEra {
  if (era === 'off' || era === 'auto') return;
  if (typeof era === 'object' && era !== null && 'rules' in era && typeof era.rules === 'object' && era.rules !== null) {
    const names = new Set<string>(polisEraRules.map((r) => r.name));
    for (const [name, on] of Object.entries(era.rules)) {
      if (!names.has(name)) throw new RangeError(`polisEra: unknown rule ${name}; rules are ${[...names].join(', ')}`);
      if (typeof on !== 'boolean') throw new RangeError(`polisEra: rule ${name} must be true or false, got ${String(on)}`);
    }
    return;
  }
  throw new RangeError(`polisEra must be 'off', 'auto' or { rules: { name: boolean } }, got ${JSON.stringify(era)}`);
}

/** The rules of `era` in force at `time` (ms since the epoch), in `polisEraRules` order. */
export function polisEraRulesAt(era: PolisEra, time: number): PolisEraRule[] {
  if (era === 'off') return [];
  const switched = era === 'auto' ? {} : era.rules;
  return polisEraRules.filter((r) => (switched[r.name] ?? true) && (r.from === null || time >= r.from) && (r.until === null || time < r.until));
}

/**
 * The options a tick dated `time` runs with: `base` (the caller's options) overridden by every rule of
 * `era` in force then; a rule out of force leaves the caller's value.
 */
export function polisEraOptions(era: PolisEra, time: number, base: ConversationOptions): Omit<ConversationOptions, 'seed' | 'random' | 'mode'> {
  const knobs = new Set(polisEraRules.flatMap((r) => Object.keys(r.options))) as Set<keyof ConversationOptions>;
  const out: Record<string, unknown> = {};
  for (const key of knobs) out[key] = base[key];
  for (const rule of polisEraRulesAt(era, time)) Object.assign(out, rule.options);
  return out;
}
