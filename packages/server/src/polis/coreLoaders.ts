// TEMPORARY until @kuulo/core exports its Polis loaders from index.ts.
export { checkSignConvention } from '../../../core/src/load/checkSignConvention.js';
export { parsePolisCommentsCsv } from '../../../core/src/load/parsePolisCommentsCsv.js';
export { parsePolisCommentsJson } from '../../../core/src/load/parsePolisCommentsJson.js';
export { parsePolisConversationJson } from '../../../core/src/load/parsePolisConversationJson.js';
export { parsePolisSummaryCsv } from '../../../core/src/load/parsePolisSummaryCsv.js';
export { parsePolisVotesCsv } from '../../../core/src/load/parsePolisVotesCsv.js';
export { parsePolisVotesJson } from '../../../core/src/load/parsePolisVotesJson.js';
export { PolisDataError } from '../../../core/src/load/polisDataError.js';
export type { PolisStatement } from '../../../core/src/load/polisTypes.js';
