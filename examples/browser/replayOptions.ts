import type { ReplayOptions } from '@kuulo/core';

/**
 * How the worker replays the conversation: ten batches in time order, then Polis's restart tick,
 * with a fixed seed so the page and Node give the same groups.
 */
export const replayOptions: ReplayOptions = { batches: 10, finalRestart: true, seed: 1 };
