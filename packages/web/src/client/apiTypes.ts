import type { KuuloResult, ParticipantView, PrivacyInfo, Representativeness } from '@kuulo/core';

/** Shapes of the server's /api/v1 replies that the pages read (see packages/server/src/schemas). */
export interface Conversation {
  id: string;
  topic: string;
  description: string;
  strictModeration: boolean;
  open: boolean;
  /** The conversation's languages; the first is its main one, the language of `topic` and `description`. */
  languages: string[];
  /** Topic and description in the conversation's other languages. */
  translations?: Record<string, { topic?: string; description?: string }>;
  /** Whether statements are machine-translated into the conversation's languages (the conversation opted in). */
  machineTranslation?: boolean;
  /** Open data (Polis's is_data_open): the anonymised votes, comments and reports are public through /api/v3. */
  dataOpen?: boolean;
  xidAllowlist: boolean;
  /** Math mode: 'polis' reproduces Polis, 'stable' makes the groups a function of the votes and the seed. */
  mode?: 'polis' | 'stable';
  /** Bridging scores: 'auto' in stable mode only, 'on' in both modes, 'off' never. */
  bridging?: 'auto' | 'on' | 'off';
  /** xids must be signed by the embedding platform with the conversation's secret. */
  signedXids?: boolean;
  /** No published number describes fewer than this many participants (server default 5). */
  privacyFloor?: number;
  /** Votes a statement needs overall to be a report headline (server default 10). */
  headlineMinVotes?: number;
  /** Votes it needs in every group for an "across groups" headline, at least `privacyFloor` (server default 5). */
  headlineMinGroupVotes?: number;
  createdAt: number;
  updatedAt: number;
  counts: { participants: number; statements: number; votes: number };
}

export type Moderation = 'pending' | 'accepted' | 'rejected';
export type VoteName = 'agree' | 'disagree' | 'pass';

export interface Tally {
  agree: number;
  disagree: number;
  pass: number;
}

/** Text of a statement in another language than the author's. */
export interface StatementTranslation {
  text: string;
  /** Who wrote it: the author, a moderator, or a machine-translation provider (labelled as such). */
  source: 'author' | 'moderator' | 'machine';
}

export interface Statement {
  id: number;
  /** The author's original text, in `lang`. */
  text: string;
  /** Language of `text`: given by the author, detected, or corrected by a moderator. */
  lang: string | null;
  langSource?: 'author' | 'detected' | 'moderator' | null;
  /** The statement in other languages, by language. */
  translations?: Record<string, StatementTranslation>;
  isSeed: boolean;
  isMeta: boolean;
  moderation: Moderation;
  createdAt: number;
  tally?: Tally;
}

export interface QueueItem extends Statement {
  moderatedAt: number | null;
  authorPid: number | null;
  tally: Tally;
  /** The most similar other statements, best first (score 0–1). */
  similar?: { statementId: number; score: number }[];
  /** The statement this one most likely repeats, above the similarity threshold. */
  duplicateOf?: number | null;
  /** The author's flood or bad-faith flags (in the queue). */
  authorFlags?: { kind: 'statement-burst' | 'fast-votes' | 'agree-everything' | 'identical-burst'; detail: string; count: number; seconds: number }[];
}

/** A page of GET …/moderation/queue. */
export interface QueuePage extends PageOf<QueueItem> {
  /** Pass as `offset` for the next page (any sort); null on the last page. */
  nextOffset: number | null;
  /** The statements the items' hints name, with their text. */
  related: { id: number; text: string; lang: string | null; moderation: Moderation }[];
}

export interface PageOf<T> {
  items: T[];
  next: number | null;
  total: number;
}

/** A page of GET /statements: `removed` (with `changedAfter`) lists statements no longer visible; pass `cursor` back as `changedAfter`. */
export interface StatementChanges extends PageOf<Statement> {
  removed: number[];
  cursor: number;
}

export interface Participant {
  pid: number;
  token?: string;
  xid?: string;
}

export interface NextStatement {
  statement: Statement | null;
  remaining: number;
  total: number;
}

export interface VoteReply {
  statementId: number;
  vote: VoteName;
  createdAt: number;
  participant: Participant;
  next?: NextStatement;
}

export interface MathReply {
  tick: number;
  computedAt: number;
  /**
   * The published result (core's PublishedKuuloResult): `privacy` says how the privacy floor shaped it (no group
   * before `privacy.published`, groups below the floor left out). Typed as KuuloResult so the viz charts take it,
   * but a group's `tallies` and `groupAwareConsensus` hold null where fewer than the floor voted: read them with
   * `?? 0` or test for null. Carries `bridging` when the conversation computes it, and `uncertainty` once a
   * bootstrap ran on this tick.
   */
  result: KuuloResult & { privacy: PrivacyInfo };
}

/** Where the participant is on the map of a math tick (GET …/math/participant). */
export interface YouPlace {
  pid: number;
  x: number;
  y: number;
  /** Group id, null when not in a group. */
  group: number | null;
  /** With a bootstrap of this tick: share of the resamples in which they stayed in their group. */
  confidence?: number | null;
}

/** GET …/math/participant: what a participant's page shows, a few KB at any size. */
export interface ParticipantMathReply {
  tick: number;
  computedAt: number;
  view: ParticipantView;
  /** Null without an identity, or before the participant's votes reached the math. */
  you: YouPlace | null;
  /** With a bootstrap of this tick: each group's stability. */
  uncertainty?: ParticipantUncertainty;
}

/** What GET …/math/participant carries of a tick's bootstrap. */
export interface ParticipantUncertainty {
  resamples: number;
  /** In id order; match `view.groups` by id. */
  groups: { id: number; stability: number }[];
}

/** Server-Sent Events of /events. */
export type KuuloEvent =
  | { type: 'math'; tick: number }
  | { type: 'math-error'; message: string }
  | { type: 'statement'; statementId: number; moderation: Moderation }
  | { type: 'moderation'; statementId: number; moderation: Moderation; isMeta: boolean }
  | { type: 'conversation'; open: boolean }
  /** A bootstrap job's progress on math tick `tick`. */
  | { type: 'uncertainty-progress'; tick: number; done: number; total: number }
  /** A bootstrap finished for math tick `tick`: the math of that tick now carries `uncertainty`. */
  | { type: 'uncertainty'; tick: number }
  | { type: 'uncertainty-error'; tick: number; message: string };

/** A text in several languages: language code → text. */
export type LocalizedText = Record<string, string>;

/** One answer of a participant question, with the population's share of it (0..1) when the moderator gave one. */
export interface QuestionAnswer {
  key: string;
  text: LocalizedText;
  population: number | null;
}

/** A single-choice participant question (demographics); `meta` names the Polis meta statement that answers it (never asked). */
export interface Question {
  key: string;
  text: LocalizedText;
  meta: number | null;
  answers: QuestionAnswer[];
}

/** GET/PUT …/questions. */
export interface QuestionsReply {
  /** Votes a participant casts before the questions are offered. */
  askAfterVotes: number;
  questions: Question[];
}

/** A participant's answers by question key: an answer key, or null for a question they skipped; absent when not asked yet. */
export type MyAnswers = Record<string, string | null>;

/** GET/PUT …/answers/me. */
export interface AnswersReply {
  answers: MyAnswers;
}

/** What PUT …/questions takes (a moderator's edit). */
export interface QuestionsChange {
  askAfterVotes?: number;
  questions: { key: string; text: LocalizedText; meta?: number | null; answers: { key: string; text: LocalizedText; population?: number | null }[] }[];
}

/** GET …/representativeness: who took part, null before there is anything to show. */
export interface RepresentativenessReply {
  tick: number;
  representativeness: Representativeness | null;
}
