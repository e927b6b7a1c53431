export { Conversation } from './conversation/conversation.js';
export type { ConversationHost, StageTimings } from './conversation/conversation.js';
export { runHelperTask } from './helper/runHelperTask.js';
export type { HelperTask, MathHelper, RowDotsTask, ScatterTask, SortRowsTask } from './helper/mathHelper.js';
export type { ConversationState } from './conversation/conversationState.js';
export { replay, replaySteps, restartLikePolis } from './conversation/replay.js';
export type { ReplayOptions, ReplayStep } from './conversation/replay.js';
export { checkPolisEra, polisEraOptions, polisEraRules, polisEraRulesAt } from './conversation/polisEra.js';
export type { PolisEra, PolisEraRule, PolisEraRuleName } from './conversation/polisEra.js';
export { matchGroupIds } from './cluster/matchGroupIds.js';
export type { GroupMembers } from './cluster/matchGroupIds.js';
export { toPolisMath } from './conversation/toPolisMath.js';
export type { PolisMath } from './conversation/toPolisMath.js';
export { groupLabel } from './conversation/buildResult.js';
export { defaultOptions, resolveOptions } from './options.js';
export type { ConversationOptions, ResolvedOptions } from './options.js';
export { VoteStore } from './store/voteStore.js';
export type { AddColumnsOptions, VoteColumns } from './store/voteStore.js';
export type { CsrMatrix } from './matrix/csrMatrix.js';
export { pickNextStatement } from './stats/pickNextStatement.js';
export { adjustedRandIndex } from './stats/adjustedRandIndex.js';
export { wilsonLowerBound } from './stats/wilsonLowerBound.js';
export { lcg } from './random/lcg.js';
export { bridgingScores } from './bridging/bridgingScores.js';
export type { Bridging, BridgingOptions } from './bridging/bridgingScores.js';
export { bootstrap } from './uncertainty/bootstrap.js';
export type { BootstrapOptions, BootstrapVotes } from './uncertainty/bootstrap.js';
export { bootstrapJob } from './uncertainty/bootstrapJob.js';
export type { BootstrapJob, BootstrapMessage } from './uncertainty/bootstrapJob.js';
export { withUncertainty } from './uncertainty/withUncertainty.js';
export { nearestMedian } from './view/nearestMedian.js';
export { coreHull, coreHulls, defaultCoreShare, peel } from './view/coreHull.js';
export { participantView } from './view/participantView.js';
export type { ParticipantView, ParticipantViewGroup, ParticipantViewOptions, ParticipantViewRepness, ParticipantViewStatement } from './view/participantView.js';
export { checkPrivacyFloor, defaultPrivacyFloor, polisMapMinimum } from './privacy/privacyOf.js';
export type { PrivacyInfo } from './privacy/privacyOf.js';
export { publishResult } from './privacy/publishResult.js';
export type { PublishedGroupResult, PublishedKuuloResult, PublishedVoteTallies, PublishOptions } from './privacy/publishResult.js';
export { publishedPolisMath } from './privacy/publishedPolisMath.js';
export { designEffect, rake } from './representativeness/rake.js';
export type { RakeOptions, RakingMargin, RakingResult } from './representativeness/rake.js';
export { representativeness, withhold } from './representativeness/representativeness.js';
export type {
  AnswerCell,
  ParticipantAnswer,
  PopulationShare,
  QuestionReport,
  Representativeness,
  RepresentativenessInput,
  RepresentativenessOptions,
  RepresentativenessQuestion,
  StatementRepresentativeness,
  WeightsSummary,
} from './representativeness/representativeness.js';
export type {
  ConsensusEntry,
  GroupResult,
  KuuloResult,
  ModerationState,
  ParticipantId,
  RepnessEntry,
  ReplayInfo,
  StableInfo,
  StatementId,
  StatementModeration,
  Uncertainty,
  Vote,
  VoteTallies,
  VoteValue,
} from './types.js';
export { PolisDataError } from './load/polisDataError.js';
export { parseCsv } from './load/parseCsv.js';
export type { CsvRow, CsvTable } from './load/parseCsv.js';
export type { PolisDataLocation } from './load/polisDataError.js';
export { parsePolisVotesJson } from './load/parsePolisVotesJson.js';
export { parsePolisVotesCsv } from './load/parsePolisVotesCsv.js';
export { parsePolisCommentsJson } from './load/parsePolisCommentsJson.js';
export { parsePolisCommentsCsv } from './load/parsePolisCommentsCsv.js';
export { parsePolisConversationJson } from './load/parsePolisConversationJson.js';
export type { PolisConversationInfo } from './load/parsePolisConversationJson.js';
export { parsePolisParticipantsVotesCsv } from './load/parsePolisParticipantsVotesCsv.js';
export { parsePolisSummaryCsv } from './load/parsePolisSummaryCsv.js';
export { createPolisVotesCsvReader } from './load/createPolisVotesCsvReader.js';
export type { PolisVotesCsvReader, PolisVotesCsvReaderOptions } from './load/createPolisVotesCsvReader.js';
export { createPolisVotesCsvColumnReader } from './load/createPolisVotesCsvColumnReader.js';
export type { PolisVotesCsvColumnReader, PolisVotesCsvColumnReaderOptions } from './load/createPolisVotesCsvColumnReader.js';
export { checkSignConvention } from './load/checkSignConvention.js';
export type { SignConventionCheck, SignConventionOptions, StatementVoteCounts } from './load/checkSignConvention.js';
export type {
  PolisComments,
  PolisLoadOptions,
  PolisParticipantRow,
  PolisParticipantsVotes,
  PolisStatement,
  PolisVoteColumns,
  PolisVotesLoadOptions,
} from './load/polisTypes.js';
