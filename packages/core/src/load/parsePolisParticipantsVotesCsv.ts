import type { VoteValue } from '../types.js';
import { expected, toCount, toIntegerId, toVoteValue } from './coerceValue.js';
import { csvColumn } from './csvColumn.js';
import { parseCsv } from './parseCsv.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisLoadOptions, PolisParticipantRow, PolisParticipantsVotes } from './polisTypes.js';

const summaryColumns = ['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree'];

/**
 * Polis open-data `participants-votes.csv`: one row per participant with Polis's own `group-id`
 * (empty when the participant was not clustered), the participant's tallies, then one column per
 * statement holding their latest vote (agree = +1) or nothing.
 */
export function parsePolisParticipantsVotesCsv(text: string, options: PolisLoadOptions = {}): PolisParticipantsVotes {
  const source = options.source ?? 'participants-votes.csv';
  const { header, rows } = parseCsv(text, source);
  const [id, group, nComments, nVotes, nAgree, nDisagree] = summaryColumns.map((name) => csvColumn(header, [name], source, true)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Every column that is not a summary column is a statement id.
  const voteColumns: number[] = [];
  const statements: number[] = [];
  header.forEach((name, index) => {
    if (summaryColumns.includes(name.toLowerCase())) return;
    const tid = toIntegerId(name);
    if (tid === undefined) throw new PolisDataError(`expected a statement id as column name`, { source, line: 1, field: name, value: name });
    voteColumns.push(index);
    statements.push(tid);
  });
  const participants: PolisParticipantRow[] = rows.map(({ line, fields }) => {
    const fail = (problem: string, index: number): never => {
      throw new PolisDataError(problem, { source, line, field: header[index] as string, value: fields[index] as string });
    };
    const count = (index: number) => toCount(fields[index]) ?? fail(expected.count, index);
    const groupText = (fields[group] as string).trim();
    const votes: (VoteValue | null)[] = voteColumns.map((index) => {
      const cell = fields[index] as string;
      return cell === '' ? null : (toVoteValue(cell) ?? fail(expected.vote, index));
    });
    return {
      id: toIntegerId(fields[id]) ?? fail(expected.id, id),
      groupId: groupText === '' ? null : (toIntegerId(groupText) ?? fail(expected.id, group)),
      nComments: count(nComments),
      nVotes: count(nVotes),
      nAgree: count(nAgree),
      nDisagree: count(nDisagree),
      votes,
    };
  });
  return { statements, participants };
}
