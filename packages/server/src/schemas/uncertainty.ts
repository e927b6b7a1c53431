import { Type } from 'typebox';
import { minResamples } from '../config.js';

/** The body of POST /conversations/:id/uncertainty; the resample ceiling comes from the server's config. */
export function uncertaintyBody(maxResamples: number) {
  return Type.Object(
    {
      resamples: Type.Optional(Type.Integer({ minimum: minResamples, maximum: maxResamples, description: `Resamples to run, ${minResamples} to ${maxResamples}. Default 50.` })),
      seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: "Seed of the resampling. Default: the result's own seed." })),
      unit: Type.Optional(
        Type.Enum(['participants', 'votes'], { description: "'participants' (default): draw participants with replacement; 'votes': keep each vote with probability 1 − 1/e." }),
      ),
    },
    { additionalProperties: false },
  );
}

export const UncertaintyStatusReply = Type.Object(
  {
    state: Type.Enum(['none', 'queued', 'running', 'done', 'failed'], { description: 'The latest job: none yet, waiting for a thread, running, stored, or failed.' }),
    tick: Type.Union([Type.Integer(), Type.Null()], { description: 'Math tick the latest job ran (or runs) on.' }),
    currentTick: Type.Integer({ description: 'The math tick served now.' }),
    attached: Type.Boolean({ description: "GET math's result carries `uncertainty` (it was computed on the current tick)." }),
    stale: Type.Boolean({ description: 'The last stored uncertainty is for an older tick and is no longer attached; run a new job.' }),
    done: Type.Integer({ description: 'Resamples finished.' }),
    total: Type.Integer({ description: 'Resamples asked for (0 before any job).' }),
    resamples: Type.Union([Type.Integer(), Type.Null()]),
    seed: Type.Union([Type.Integer(), Type.Null()], { description: "Seed used; null while a job with the result's own seed runs." }),
    unit: Type.Union([Type.Enum(['participants', 'votes']), Type.Null()]),
    startedAt: Type.Union([Type.Integer(), Type.Null()]),
    finishedAt: Type.Union([Type.Integer(), Type.Null()]),
    durationMs: Type.Union([Type.Number(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why the latest job failed (the previous uncertainty stays stored).' }),
  },
  { description: 'Bootstrap uncertainty job of a conversation.' },
);
