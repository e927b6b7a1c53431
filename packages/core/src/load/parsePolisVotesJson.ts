import type { Vote } from '../types.js';
import { expected, toIntegerId, toTime, toVoteValue } from './coerceValue.js';
import { jsonRecordError } from './jsonRecordError.js';
import { parseJsonArray } from './parseJsonArray.js';
import { pickField } from './pickField.js';
import type { PolisVotesLoadOptions } from './polisTypes.js';
import { signOption } from './signOption.js';

const participantKeys = ['pid', 'participant_id'] as const;
const statementKeys = ['tid', 'statement_id'] as const;
const timeKeys = ['modified', 'created'] as const;

/**
 * Votes from a Polis `votes.json` (API export): `pid`/`participant_id`, `tid`/`statement_id`, `vote`,
 * `modified` (ms as number or text). Every row is kept in file order, repeated votes included: the
 * store decides which one stands.
 */
export function parsePolisVotesJson(text: string, options: PolisVotesLoadOptions = {}): Vote[] {
  const source = options.source ?? 'votes.json';
  const negate = signOption(options.sign, source);
  const records = parseJsonArray(text, source, 'votes');
  const votes: Vote[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Record<string, unknown>;
    const fail = jsonRecordError(text, source, i);
    const p = pickField(record, participantKeys) ?? fail('missing participant id', participantKeys.join(' or '));
    const s = pickField(record, statementKeys) ?? fail('missing statement id', statementKeys.join(' or '));
    const participant = toIntegerId(p.value) ?? fail(expected.id, p.key, p.value);
    const statement = toIntegerId(s.value) ?? fail(expected.id, s.key, s.value);
    if (record.vote === undefined) fail('missing vote', 'vote');
    const value = toVoteValue(record.vote) ?? fail(expected.vote, 'vote', record.vote);
    const t = pickField(record, timeKeys);
    const time = t === undefined ? null : toTime(t.value);
    if (time === undefined) fail(expected.time, t?.key ?? 'modified', t?.value);
    const vote: Vote = { participant, statement, vote: negate && value !== 0 ? (-value as 1 | -1) : value };
    if (time !== null && time !== undefined) vote.time = time;
    votes[i] = vote;
  }
  return votes;
}
