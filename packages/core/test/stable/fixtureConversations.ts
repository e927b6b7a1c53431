import { readFileSync } from 'node:fs';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { lcg } from '../../src/random/lcg.js';
import type { StatementModeration, Vote } from '../../src/types.js';
import { fixturesDir, polisFixtureNames, readPolisFixture, recoverMissingVotes } from '../helpers/fixtures.js';

/** A real conversation from the repo's fixtures, as votes plus moderation. */
export interface FixtureConversation {
  name: string;
  votes: Vote[];
  moderation: StatementModeration[];
  strictModeration: boolean;
}

export const openDataNames = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi', 'vtaiwan.uberx'] as const;

/** Every conversation in the repo's fixtures: the three Polis math fixtures and the five open-data exports. */
export function fixtureConversations(): FixtureConversation[] {
  const polis = polisFixtureNames.map((name) => {
    const fx = recoverMissingVotes(readPolisFixture(name)).fixture;
    return { name, votes: fx.votes, moderation: fx.moderation, strictModeration: fx.strictModeration };
  });
  const open = openDataNames.map((name) => {
    const dir = `${fixturesDir}open-data/${name}/`;
    const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`), { source: `${name}/votes.csv` });
    const comments = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'), { source: `${name}/comments.csv` });
    return { name, votes, moderation: comments.moderation, strictModeration: false };
  });
  return [...polis, ...open];
}

/** The votes in a random order (Fisher–Yates from a seeded generator). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A random split of `items` into 1…maxBatches consecutive batches at random cut points. */
export function randomBatches<T>(items: readonly T[], maxBatches: number, random: () => number): T[][] {
  const count = 1 + Math.floor(random() * maxBatches);
  const cuts = [...new Set(Array.from({ length: count - 1 }, () => 1 + Math.floor(random() * (items.length - 1))))].sort((a, b) => a - b);
  const ends = [...cuts, items.length];
  return [0, ...cuts].map((from, i) => items.slice(from, ends[i]));
}

/** A random subset of `share` of the votes. */
export function subsample<T>(items: readonly T[], share: number, seed: number): T[] {
  return shuffled(items, lcg(seed)).slice(0, Math.round(share * items.length));
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
