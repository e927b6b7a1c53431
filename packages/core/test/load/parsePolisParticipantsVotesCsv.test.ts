import { describe, expect, it } from 'vitest';
import { parsePolisParticipantsVotesCsv } from '../../src/load/parsePolisParticipantsVotesCsv.js';
import { parsePolisSummaryCsv } from '../../src/load/parsePolisSummaryCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { openDataNames, openDataText, thrown } from './fixtureFiles.js';

describe('parsePolisParticipantsVotesCsv(text)', () => {
  it.each(openDataNames)('%s: one row per voter, votes equal to the latest votes of votes.csv', (name) => {
    const text = openDataText(name, 'participants-votes.csv');
    const { statements, participants } = parsePolisParticipantsVotesCsv(text);
    const summary = parsePolisSummaryCsv(openDataText(name, 'summary.csv'));
    expect(participants).toHaveLength(text.trimEnd().split('\n').length - 1);
    expect(participants).toHaveLength(Number(summary.voters));
    expect(new Set(participants.map((p) => p.groupId).filter((g) => g !== null)).size).toBe(Number(summary.groups));
    // Latest vote per cell from votes.csv, by timestamp.
    const latest = new Map<string, { vote: number; time: number }>();
    for (const v of parsePolisVotesCsv(openDataText(name, 'votes.csv'))) {
      const key = `${v.participant}:${v.statement}`;
      if ((latest.get(key)?.time ?? -Infinity) <= v.time!) latest.set(key, { vote: v.vote, time: v.time! });
    }
    let cells = 0;
    for (const p of participants) {
      p.votes.forEach((vote, j) => {
        expect(vote).toBe(latest.get(`${p.id}:${statements[j]}`)?.vote ?? null);
        if (vote !== null) cells++;
      });
      expect([p.nAgree, p.nDisagree, p.nVotes]).toEqual([p.votes.filter((v) => v === 1).length, p.votes.filter((v) => v === -1).length, p.votes.filter((v) => v !== null).length]);
    }
    expect(cells).toBe(latest.size);
  });

  it('reads an empty group-id as null (participant not clustered)', () => {
    const { participants } = parsePolisParticipantsVotesCsv(openDataText('vtaiwan.uberx', 'participants-votes.csv'));
    expect(participants.filter((p) => p.groupId === null)).toHaveLength(702);
    expect(participants[0]).toMatchObject({ id: 0, groupId: 0, nComments: 46, nVotes: 101, nAgree: 44, nDisagree: 12 });
  });

  it('names line and field of a bad cell, and a bad statement column', () => {
    const head = 'participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1';
    expect(thrown(() => parsePolisParticipantsVotesCsv(`${head}\n0,1,0,2,1,1,1,-1\n1,,0,1,1,0,+,\n`)).message).toBe(
      'participants-votes.csv line 3, field "0": expected -1, 0 or 1, got "+"',
    );
    expect(thrown(() => parsePolisParticipantsVotesCsv(`${head},x\n`)).message).toBe('participants-votes.csv line 1, field "x": expected a statement id as column name, got "x"');
    expect(thrown(() => parsePolisParticipantsVotesCsv(`${head}\n0,1,0,2,1,1,1`)).message).toBe(
      'participants-votes.csv line 2: expected 8 fields as in the header, got 7 (file truncated?)',
    );
  });
});
