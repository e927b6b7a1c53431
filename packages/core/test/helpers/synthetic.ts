import { lcg } from '../../src/random/lcg.js';
import type { Vote } from '../../src/types.js';

export interface PlantedOptions {
  /** Default 300. */
  participants?: number;
  /** Default 40. */
  statements?: number;
  /** Planted groups, sizes ∝ 1/(1 + g/2). Default 3. */
  groups?: number;
  /** Statements every group agrees with. Default 6. */
  commonGround?: number;
  /** Chance that an agree/disagree vote goes against the group's stance. Default 0.15. */
  noise?: number;
  /** Chance that a vote is a pass. Default 0.1. */
  passRate?: number;
  /** Chance that a non-pass vote on a common-ground statement is agree (softer common ground when low). Default 1 − noise. */
  commonGroundAgree?: number;
  /** Share of partisan statements that every group but the smallest agrees with (popular, yet divisive). Default 0. */
  popularPartisan?: number;
  /** Chance that a participant votes on a given statement. Default 0.6. */
  density?: number;
  /** Default 1. */
  seed?: number;
}

export interface PlantedConversation {
  /** Participant ids are 0…n−1, statement ids 0…m−1; vote times follow participant order. */
  votes: Vote[];
  /** Planted group of each participant. */
  group: Int32Array;
  /** Statements with stance agree in every group. */
  commonGround: number[];
  /** Every other statement: some group agrees and some group disagrees. */
  partisan: number[];
}

/**
 * A small conversation with planted truth, deterministic by seed: each participant belongs to a group
 * and votes on each statement with probability `density`; a vote is a pass with `passRate`, else the
 * group's stance flipped with probability `noise`. Common-ground statements have stance agree in every
 * group; every other statement is partisan (stances ±1 per group, never all equal).
 */
export function plantedConversation(options: PlantedOptions = {}): PlantedConversation {
  const { participants = 300, statements = 40, groups = 3, commonGround = 6, noise = 0.15, passRate = 0.1, density = 0.6, seed = 1 } = options;
  const commonGroundAgree = options.commonGroundAgree ?? 1 - noise;
  const popularPartisan = options.popularPartisan ?? 0;
  const random = lcg(seed);
  const weights = Array.from({ length: groups }, (_, g) => 1 / (1 + g / 2));
  const total = weights.reduce((a, b) => a + b, 0);
  const group = Int32Array.from({ length: participants }, () => {
    let u = random() * total;
    let g = 0;
    while (g < groups - 1 && u >= weights[g]!) u -= weights[g++]!;
    return g;
  });
  // Common ground spread over the statement ids rather than first, so ids carry no signal.
  const common = new Set(Array.from({ length: commonGround }, (_, i) => Math.floor(((i + 0.5) * statements) / commonGround)));
  const stance = new Int8Array(groups * statements);
  for (let j = 0; j < statements; j++) {
    if (!common.has(j) && groups >= 2 && random() < popularPartisan) {
      for (let g = 0; g < groups; g++) stance[g * statements + j] = g === groups - 1 ? -1 : 1;
      continue;
    }
    for (;;) {
      for (let g = 0; g < groups; g++) stance[g * statements + j] = common.has(j) ? 1 : random() < 0.5 ? 1 : -1;
      if (common.has(j) || groups < 2) break;
      let allEqual = true;
      for (let g = 1; g < groups; g++) if (stance[g * statements + j] !== stance[j]) allEqual = false;
      if (!allEqual) break;
    }
  }
  const votes: Vote[] = [];
  for (let i = 0; i < participants; i++) {
    for (let j = 0; j < statements; j++) {
      if (random() >= density) continue;
      const s = stance[group[i]! * statements + j]!;
      const flip = common.has(j) ? 1 - commonGroundAgree : noise;
      const vote = random() < passRate ? 0 : random() < flip ? -s : s;
      votes.push({ participant: i, statement: j, vote: vote as Vote['vote'], time: i * 1000 + j });
    }
  }
  const commonGroundIds = [...common].sort((a, b) => a - b);
  return { votes, group, commonGround: commonGroundIds, partisan: Array.from({ length: statements }, (_, j) => j).filter((j) => !common.has(j)) };
}
