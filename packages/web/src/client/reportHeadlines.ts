import type { StatementId } from '@kuulo/core';
import { defaultHeadlineSupport, type ConsensusChartOptions } from '@kuulo/viz';
import type { Conversation, Statement } from './apiTypes';

/**
 * The report's minimum support for headlines, from the conversation's settings (`headlineMinVotes`,
 * `headlineMinGroupVotes`; the chart raises the latter to the privacy floor), with everyone's tallies
 * so the bars and "58 of 373 voted" count every voter, not only those in groups.
 */
export function headlineOptions(conversation: Conversation, statements: readonly Statement[]): Pick<ConsensusChartOptions, 'minVotes' | 'minGroupVotes' | 'statementTally'> {
  const tallies = new Map<string, Statement['tally']>(statements.map((s) => [String(s.id), s.tally]));
  return {
    minVotes: conversation.headlineMinVotes ?? defaultHeadlineSupport.minVotes,
    minGroupVotes: conversation.headlineMinGroupVotes ?? defaultHeadlineSupport.minGroupVotes,
    statementTally: (id: StatementId) => tallies.get(String(id)),
  };
}
