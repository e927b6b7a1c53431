/** Votes as parallel typed arrays (public sign, agree = +1), cheap to send to a worker. */
export interface VoteBatch {
  pid: Int32Array;
  tid: Int32Array;
  vote: Int8Array;
  time: Float64Array;
}

/** One recompute request for a worker. */
export interface MathJobInput {
  conversationId: number;
  /**
   * Where the worker starts: 'cached' reuses the conversation it kept from its last job (`votes`
   * are then only the new ones); otherwise the persisted core state (JSON, saved without votes) or
   * null for a cold start, and `votes` are all votes so far.
   */
  base: 'cached' | { state: string | null };
  votes: VoteBatch;
  /** Participants a moderator excluded (their votes are already left out of `votes`): a saved state that still has them is not restored. */
  excluded?: number[];
  moderation: { tid: number; moderation: -1 | 0 | 1; isMeta: boolean }[];
  /** Core options from the conversation's settings. A restored state keeps its history-dependent options; see runMathJob. */
  options: {
    seed: number;
    strictModeration: boolean;
    mode: 'polis' | 'stable';
    bridging: 'auto' | 'on' | 'off';
    pcaRefitShare: number | 'auto';
    /** Stable mode makes no group below the privacy floor (core's stableMinGroupSize); absent: core's default. */
    stableMinGroupSize?: number;
  };
  /** The conversation's privacy floor: the public documents are published under it (core publishResult). */
  privacyFloor: number;
  /** Participant questions, answers and population shares, when the conversation has questions: the worker adds core's representativeness section. */
  representativeness?: RepresentativenessJob | null;
}

/** What core `representativeness` needs beyond the votes, read from the database (answers as parallel columns). */
export interface RepresentativenessJob {
  questions: { id: string; answers: string[] }[];
  /** Meta statements standing in for questions (their question id is `meta:<tid>`). */
  metaStatements: number[];
  answers: { pid: number[]; question: string[]; answer: string[] };
  population: { question: string; answer: string; share: number }[];
}

/** What a worker sends back: everything pre-serialised, so the main thread only stores strings. */
export interface MathJobOutput {
  /** Our result (KuuloResult) as JSON: the moderator's raw math. */
  result: string;
  /** Polis math/pca2 JSON of the raw result. */
  polis: string;
  /** The published result (core PublishedKuuloResult under `privacyFloor`) as JSON: what GET …/math serves. */
  publicResult: string;
  /** Polis math/pca2 JSON of the published result: what public pca2 routes serve. */
  publicPolis: string;
  /** Core state without votes (the votes live in the database). */
  state: string;
  /** {tid: priority} JSON for next-statement routing. */
  priorities: string;
  /** What a participant's page shows (core's ParticipantView under `privacyFloor`) as JSON: its size does not grow with participants. */
  participantView: string;
  /** Every participant's place and published group, indexed by pid for the request thread (see participantPlaces.ts). */
  participantPlaces: Uint8Array;
  /** The published representativeness section (core, under `privacyFloor`) as JSON, or null without questions. */
  representativeness: string | null;
  /** Groups found (for logs and status). */
  groups: number;
  durationMs: number;
}

export type ToWorker = { type: 'run'; id: number; job: MathJobInput } | { type: 'evict'; conversationId: number };
export type FromWorker = { type: 'done'; id: number; output: MathJobOutput } | { type: 'failed'; id: number; message: string };
