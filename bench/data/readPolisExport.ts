import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCsv } from './parseCsv.js';
import { readVotesFile } from '../pipeline/readVotesFile.js';
import type { VoteColumns } from './voteColumns.js';

/** Reference groups to score against: Polis's `group-id`, or the planted truth of a synthetic export. */
export interface ReferenceGroups {
  source: 'polis group-id' | 'planted';
  /** Participant ids, with `group[i]` the group of `participant[i]` (−1 = not clustered). */
  participant: Int32Array;
  group: Int32Array;
  /** Number of distinct groups (the k a baseline is given). */
  k: number;
}

export interface PolisExport {
  name: string;
  votes: VoteColumns;
  /** Moderation per statement from comments.csv (`moderated`: −1 out, 0 unmoderated, 1 in). */
  moderation: { statement: number; moderation: -1 | 0 | 1 }[];
  reference: ReferenceGroups | null;
}

/**
 * Read a Polis open-data export folder: `votes.csv` (required), `comments.csv` (moderation, optional),
 * and the groups to score against from `participants-votes.csv` (`group-id`) or else `truth.json`
 * (written by `writePolisExport`).
 */
export function readPolisExport(dir: string): PolisExport {
  const votesPath = join(dir, 'votes.csv');
  if (!existsSync(votesPath)) throw new Error(`no votes.csv in ${dir}`);
  const votes = readVotesFile(votesPath);
  return { name: basename(dir), votes, moderation: readModeration(dir), reference: readReference(dir) };
}

function readModeration(dir: string): PolisExport['moderation'] {
  const path = join(dir, 'comments.csv');
  if (!existsSync(path)) return [];
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const id = column(header, 'comment-id', path);
  const moderated = column(header, 'moderated', path);
  const out: PolisExport['moderation'] = [];
  rows.forEach((row, r) => {
    if (row.length === 1 && row[0] === '') return;
    const statement = integer(row[id], `${path} row ${r + 2} comment-id`);
    const mod = integer(row[moderated], `${path} row ${r + 2} moderated`);
    if (mod !== -1 && mod !== 0 && mod !== 1) throw new Error(`${path} row ${r + 2}: moderated must be -1, 0 or 1, got ${mod}`);
    out.push({ statement, moderation: mod });
  });
  return out;
}

function readReference(dir: string): ReferenceGroups | null {
  const polisPath = join(dir, 'participants-votes.csv');
  if (existsSync(polisPath)) {
    // Only the first two columns matter; split lines instead of parsing thousands of vote cells.
    const lines = readFileSync(polisPath, 'utf8').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',');
    const pid = column(header, 'participant', polisPath);
    const gid = column(header, 'group-id', polisPath);
    const participant: number[] = [];
    const group: number[] = [];
    for (let r = 1; r < lines.length; r++) {
      if (lines[r] === '') continue;
      const fields = lines[r]!.split(',', Math.max(pid, gid) + 1);
      participant.push(integer(fields[pid], `${polisPath} line ${r + 1} participant`));
      const g = fields[gid] ?? '';
      group.push(g === '' ? -1 : integer(g, `${polisPath} line ${r + 1} group-id`));
    }
    return { source: 'polis group-id', participant: Int32Array.from(participant), group: Int32Array.from(group), k: new Set(group.filter((g) => g >= 0)).size };
  }
  const truthPath = join(dir, 'truth.json');
  if (existsSync(truthPath)) {
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as { participantGroup?: number[] };
    if (!Array.isArray(truth.participantGroup)) throw new Error(`${truthPath}: missing participantGroup array`);
    const group = Int32Array.from(truth.participantGroup);
    const participant = Int32Array.from(group, (_, i) => i);
    return { source: 'planted', participant, group, k: new Set(group).size };
  }
  return null;
}

function column(header: string[] | undefined, name: string, path: string): number {
  const at = (header ?? []).indexOf(name);
  if (at < 0) throw new Error(`${path}: missing column "${name}" in header "${(header ?? []).join(',')}"`);
  return at;
}

function integer(text: string | undefined, where: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(value)) throw new Error(`${where}: expected an integer, got "${text ?? ''}"`);
  return value;
}
