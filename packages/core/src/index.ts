export { Conversation } from './conversation/conversation.js';
export type { StageTimings } from './conversation/conversation.js';
export type { ConversationState } from './conversation/conversationState.js';
export { replay, restartLikePolis } from './conversation/replay.js';
export type { ReplayOptions } from './conversation/replay.js';
export { toPolisMath } from './conversation/toPolisMath.js';
export type { PolisMath } from './conversation/toPolisMath.js';
export { groupLabel } from './conversation/buildResult.js';
export { defaultOptions, resolveOptions } from './options.js';
export type { ConversationOptions, ResolvedOptions } from './options.js';
export { VoteStore } from './store/voteStore.js';
export type { VoteColumns } from './store/voteStore.js';
export type { CsrMatrix } from './matrix/csrMatrix.js';
export { pickNextStatement } from './stats/pickNextStatement.js';
export { adjustedRandIndex } from './stats/adjustedRandIndex.js';
export { lcg } from './random/lcg.js';
export type {
  ConsensusEntry,
  GroupResult,
  KuuloResult,
  ModerationState,
  ParticipantId,
  RepnessEntry,
  ReplayInfo,
  StatementId,
  StatementModeration,
  Vote,
  VoteTallies,
  VoteValue,
} from './types.js';
