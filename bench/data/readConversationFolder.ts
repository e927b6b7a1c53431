import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePolisCommentsCsv, parsePolisCommentsJson, parsePolisParticipantsVotesCsv, parsePolisVotesJson, type StatementModeration } from '../../packages/core/src/index.js';
import { readPolisExport, type ReferenceGroups } from './readPolisExport.js';
import type { VoteColumns } from './voteColumns.js';

/** A real conversation from any of the folder shapes the repository holds, with Polis's groups when known. */
export interface ConversationFolder {
  name: string;
  /** Which files the votes came from. */
  form: 'votes.csv' | 'votes.json' | 'participants-votes.csv';
  votes: VoteColumns;
  moderation: StatementModeration[];
  strictModeration: boolean;
  reference: ReferenceGroups | null;
}

/**
 * Reads an open-data export (`votes.csv`), a Polis math fixture (`votes.json`, `comments.json`,
 * `conversation.json`, `math-pca2.json`: reference = its `group-clusters`), or an export reduced to
 * `participants-votes.csv` (each participant's latest vote per statement, which is all the math reads).
 */
export function readConversationFolder(dir: string): ConversationFolder {
  const name = basename(dir);
  if (existsSync(join(dir, 'votes.csv'))) {
    const exp = readPolisExport(dir);
    return { name, form: 'votes.csv', votes: exp.votes, moderation: exp.moderation, strictModeration: false, reference: exp.reference };
  }
  if (existsSync(join(dir, 'votes.json'))) return readMathFixture(dir);
  const pvPath = join(dir, 'participants-votes.csv');
  if (existsSync(pvPath)) {
    const { statements, participants } = parsePolisParticipantsVotesCsv(readFileSync(pvPath, 'utf8'), { source: pvPath });
    const p: number[] = [];
    const s: number[] = [];
    const v: number[] = [];
    for (const row of participants) {
      row.votes.forEach((vote, c) => {
        if (vote === null) return;
        p.push(row.id);
        s.push(statements[c]!);
        v.push(vote);
      });
    }
    const votes = { participant: Int32Array.from(p), statement: Int32Array.from(s), vote: Int8Array.from(v), time: new Float64Array(v.length) };
    const reference: ReferenceGroups = {
      source: 'polis group-id',
      participant: Int32Array.from(participants, (r) => r.id),
      group: Int32Array.from(participants, (r) => r.groupId ?? -1),
      k: new Set(participants.filter((r) => r.groupId !== null).map((r) => r.groupId)).size,
    };
    const commentsPath = join(dir, 'comments.csv');
    const moderation = existsSync(commentsPath) ? parsePolisCommentsCsv(readFileSync(commentsPath, 'utf8'), { source: commentsPath }).moderation : [];
    return { name, form: 'participants-votes.csv', votes, moderation, strictModeration: false, reference };
  }
  throw new Error(`no votes.csv, votes.json or participants-votes.csv in ${dir}`);
}

function readMathFixture(dir: string): ConversationFolder {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const list = parsePolisVotesJson(read('votes.json'), { source: join(dir, 'votes.json') });
  const votes: VoteColumns = {
    participant: Int32Array.from(list, (x) => Number(x.participant)),
    statement: Int32Array.from(list, (x) => Number(x.statement)),
    vote: Int8Array.from(list, (x) => x.vote),
    time: Float64Array.from(list, (x) => x.time ?? 0),
  };
  const moderation = parsePolisCommentsJson(read('comments.json'), { source: join(dir, 'comments.json') }).moderation;
  const conversation = JSON.parse(read('conversation.json')) as { strict_moderation?: boolean };
  let reference: ReferenceGroups | null = null;
  if (existsSync(join(dir, 'math-pca2.json'))) {
    const math = JSON.parse(read('math-pca2.json')) as {
      'base-clusters': { id: number[]; members: number[][] };
      'group-clusters': { id: number; members: number[] }[];
    };
    // Polis's groups are unions of base clusters; a participant's group is its base cluster's.
    const baseMembers = new Map(math['base-clusters'].id.map((id, i) => [id, math['base-clusters'].members[i]!]));
    const participant: number[] = [];
    const group: number[] = [];
    for (const g of math['group-clusters']) for (const b of g.members) for (const pid of baseMembers.get(b) ?? []) participant.push(pid), group.push(g.id);
    reference = { source: 'polis group-id', participant: Int32Array.from(participant), group: Int32Array.from(group), k: math['group-clusters'].length };
  }
  return { name: basename(dir), form: 'votes.json', votes, moderation, strictModeration: Boolean(conversation.strict_moderation), reference };
}
