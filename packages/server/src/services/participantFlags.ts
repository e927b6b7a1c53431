import { createHash } from 'node:crypto';
import type { Db } from '../db/db.js';
import { OneAtATime } from './oneAtATime.js';

export type ParticipantFlagKind = 'statement-burst' | 'fast-votes' | 'agree-everything' | 'identical-burst';

/** A signal worth a moderator's look; it never deletes, hides or excludes anything by itself. */
export interface ParticipantFlag {
  kind: ParticipantFlagKind;
  /** The facts behind the flag in plain English, e.g. "12 statements within 10 minutes". */
  detail: string;
  /** The count in `detail` (statements, votes, or participants voting alike), for localised text. */
  count: number;
  /** The time span in `detail`, in seconds (0 when the flag has none). */
  seconds: number;
}

/**
 * When each signal fires. The defaults were chosen on the five real Polis conversations under
 * packages/core/test/fixtures/open-data (3,146 voters, 77,496 votes with timestamps; see
 * test/services/participantFlags.test.ts for the measured rates): each flags 0–1.3 % of real voters.
 */
export interface FlagThresholds {
  /** statement-burst: this many statements (seeds aside) within `burstSeconds`. Default 10 (real authors: at most 8 in 10 minutes). */
  burstStatements: number;
  /** Default 600. */
  burstSeconds: number;
  /** fast-votes: votes on this many different statements within `fastSeconds`. Default 10, i.e. under a second a statement. */
  fastVotes: number;
  /** Default 10. */
  fastSeconds: number;
  /** agree-everything: at least this many votes, every one agree, all cast within `freshSeconds` of the first. Default 15. */
  agreeVotes: number;
  /** identical-burst: at least this many participants with the same votes on the same statements… Default 3. */
  identicalParticipants: number;
  /** …each on at least this many statements… Default 5. */
  identicalMinVotes: number;
  /** …whose first votes fall within `freshSeconds` of each other. Default 600. */
  freshSeconds: number;
}

export const defaultFlagThresholds: Readonly<FlagThresholds> = Object.freeze({
  burstStatements: 10,
  burstSeconds: 600,
  fastVotes: 10,
  fastSeconds: 10,
  agreeVotes: 15,
  identicalParticipants: 3,
  identicalMinVotes: 5,
  freshSeconds: 600,
});

/** The flags of each given participant (participants without flags are absent from the map). */
export async function participantFlags(db: Db, conversationId: number, pids: number[]): Promise<Map<number, ParticipantFlag[]>> {
  const all = await conversationFlags(db, conversationId);
  const out = new Map<number, ParticipantFlag[]>();
  for (const pid of pids) {
    const flags = all.get(pid);
    if (flags) out.set(pid, flags);
  }
  return out;
}

/** What one participant's own votes say; kept between calls so new votes re-read only their voters. */
interface VoterState {
  /** fast-votes and agree-everything, which depend on this participant's votes alone. */
  own: ParticipantFlag[];
  /** Hash of the participant's (statement, vote) pairs when they have enough votes for identical-burst. */
  signature: string | null;
  /** When the participant started voting (their earliest current vote). */
  first: number;
  votes: number;
}

interface Scan {
  settings: string;
  lastVoteId: number;
  statementsKey: string;
  voters: Map<number, VoterState>;
  bySignature: Map<string, Set<number>>;
  identical: Map<number, ParticipantFlag>;
  statements: Map<number, ParticipantFlag>;
  flags: Map<number, ParticipantFlag[]>;
}

const scans = new WeakMap<Db, Map<number, Scan>>();

/** Above this many participants with new votes since the last call, one pass over every vote beats a query per participant. */
const rescanAbove = 2000;

/**
 * Every flagged participant in the conversation. The first call reads all current votes once; later
 * calls read only the participants who voted since (the history's ids say who), so a moderator's
 * page costs about the new votes, not the conversation's size.
 */
export function conversationFlags(db: Db, conversationId: number, thresholds: FlagThresholds = defaultFlagThresholds): Promise<Map<number, ParticipantFlag[]>> {
  return scanning.run(conversationId, () => updatedFlags(db, conversationId, thresholds));
}

const scanning = new OneAtATime<number>();

async function updatedFlags(db: Db, conversationId: number, thresholds: FlagThresholds): Promise<Map<number, ParticipantFlag[]>> {
  let byConversation = scans.get(db.root);
  if (!byConversation) scans.set(db.root, (byConversation = new Map()));
  const settings = JSON.stringify(thresholds);
  const lastVoteId = (await db.get('SELECT coalesce(max(id), 0) AS v FROM votes WHERE conversation_id = ?', conversationId) as { v: number }).v;
  const statements = await db.get('SELECT count(*) AS n, coalesce(max(created_at), 0) AS at FROM statements WHERE conversation_id = ?', conversationId) as { n: number; at: number };
  const statementsKey = `${statements.n}:${statements.at}`;
  let scan = byConversation.get(conversationId);
  // A different threshold set, or a history that went backwards (the conversation was replaced), starts over.
  if (scan && (scan.settings !== settings || lastVoteId < scan.lastVoteId)) scan = undefined;
  let changed = false;
  if (!scan) {
    scan = { settings, lastVoteId: 0, statementsKey: '', voters: new Map(), bySignature: new Map(), identical: new Map(), statements: new Map(), flags: new Map() };
    byConversation.set(conversationId, scan);
    await scanAllVoters(db, conversationId, thresholds, scan);
    scan.lastVoteId = lastVoteId;
    changed = true;
  } else if (lastVoteId > scan.lastVoteId) {
    const touched = await db.rows('SELECT DISTINCT pid FROM votes WHERE conversation_id = ? AND id > ? AND id <= ?', conversationId, scan.lastVoteId, lastVoteId) as [number][];
    if (touched.length > rescanAbove) {
      scan.voters.clear();
      scan.bySignature.clear();
      await scanAllVoters(db, conversationId, thresholds, scan);
    } else {
      for (const [pid] of touched) {
        const votes = (await db.rows('SELECT tid, vote, created_at FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY tid', conversationId, pid)) as [number, number, number][];
        setVoter(scan, pid, evaluateVoter(votes, thresholds));
      }
    }
    scan.lastVoteId = lastVoteId;
    changed = true;
  }
  if (scan.statementsKey !== statementsKey) {
    scan.statements = await statementBursts(db, conversationId, thresholds);
    scan.statementsKey = statementsKey;
    changed = true;
  }
  if (changed) {
    scan.identical = identicalBursts(scan, thresholds);
    scan.flags = merge(scan);
  }
  return scan.flags;
}

/** Forgets what was read (tests, benches): the next call reads every vote again. */
export function forgetFlags(db: Db, conversationId: number): void {
  scans.get(db.root)?.delete(conversationId);
}

/** One pass over the current votes in the primary key's (pid, tid) order, no sort of the table. */
async function scanAllVoters(db: Db, conversationId: number, t: FlagThresholds, scan: Scan): Promise<void> {
  let pid = -1;
  let votes: [number, number, number][] = [];
  await db.each('SELECT pid, tid, vote, created_at FROM current_votes WHERE conversation_id = ? ORDER BY pid, tid', [conversationId], (row) => {
    const [p, tid, vote, at] = row as [number, number, number, number];
    if (p !== pid) {
      if (pid >= 0) setVoter(scan, pid, evaluateVoter(votes, t));
      pid = p;
      votes = [];
    }
    votes.push([tid, vote, at]);
  });
  if (pid >= 0) setVoter(scan, pid, evaluateVoter(votes, t));
}

function setVoter(scan: Scan, pid: number, next: VoterState | null): void {
  const before = scan.voters.get(pid);
  if (before?.signature) {
    const members = scan.bySignature.get(before.signature);
    members?.delete(pid);
    if (members?.size === 0) scan.bySignature.delete(before.signature);
  }
  if (!next) {
    scan.voters.delete(pid);
    return;
  }
  scan.voters.set(pid, next);
  if (next.signature) {
    const members = scan.bySignature.get(next.signature);
    if (members) members.add(pid);
    else scan.bySignature.set(next.signature, new Set([pid]));
  }
}

/**
 * fast-votes and agree-everything from the participant's latest vote per statement (a double click
 * or a changed mind counts once), in tid order; null when there is nothing to keep.
 */
function evaluateVoter(votes: [number, number, number][], t: FlagThresholds): VoterState | null {
  const n = votes.length;
  if (n === 0) return null;
  const times = new Float64Array(n);
  let agrees = 0;
  let signature = '';
  for (let i = 0; i < n; i++) {
    const [tid, vote, at] = votes[i]!;
    times[i] = at;
    if (vote === 1) agrees++;
    signature += `${tid}:${vote},`;
  }
  times.sort();
  const first = times[0]!;
  const span = times[n - 1]! - first;
  const own: ParticipantFlag[] = [];
  if (n >= t.fastVotes) {
    const most = mostWithin(times, 0, n, t.fastSeconds * 1000, (x) => x);
    if (most >= t.fastVotes) own.push({ kind: 'fast-votes', detail: `${most} statements voted on within ${duration(t.fastSeconds)}`, count: most, seconds: t.fastSeconds });
  }
  if (n >= t.agreeVotes && agrees === n && span <= t.freshSeconds * 1000) {
    own.push({ kind: 'agree-everything', detail: `agreed with all ${n} statements voted on, within ${duration(span / 1000)} of starting`, count: n, seconds: Math.round(span / 1000) });
  }
  const hashed = n >= t.identicalMinVotes ? createHash('sha1').update(signature).digest('base64') : null;
  if (own.length === 0 && hashed === null) return null;
  return { own, signature: hashed, first, votes: n };
}

/** Participants with the same votes on the same statements who started within the window of each other. */
function identicalBursts(scan: Scan, t: FlagThresholds): Map<number, ParticipantFlag> {
  const out = new Map<number, ParticipantFlag>();
  const windowMs = t.freshSeconds * 1000;
  for (const pids of scan.bySignature.values()) {
    if (pids.size < t.identicalParticipants) continue;
    const members = [...pids].map((pid) => ({ pid, ...scan.voters.get(pid)! })).sort((a, b) => a.first - b.first);
    // A lone match days apart is a coincidence of opinion, not a burst.
    const inBurst = new Set<number>();
    let j = 0;
    for (let k = 0; k < members.length; k++) {
      while (members[k]!.first - members[j]!.first > windowMs) j++;
      if (k - j + 1 >= t.identicalParticipants) for (let m = j; m <= k; m++) inBurst.add(m);
    }
    for (const m of inBurst) {
      out.set(members[m]!.pid, {
        kind: 'identical-burst',
        detail: `one of ${inBurst.size} participants who cast the same ${members[m]!.votes} votes and started within ${duration(t.freshSeconds)} of each other`,
        count: inBurst.size,
        seconds: t.freshSeconds,
      });
    }
  }
  return out;
}

/** Each author's most statements within the window (seeds are the moderator's own and never count); cheap: one row a statement. */
async function statementBursts(db: Db, conversationId: number, t: FlagThresholds): Promise<Map<number, ParticipantFlag>> {
  const rows = (await db.rows(
    'SELECT author_pid, created_at FROM statements WHERE conversation_id = ? AND author_pid IS NOT NULL AND is_seed = 0 ORDER BY author_pid, created_at',
    conversationId,
  )) as [number, number][];
  const out = new Map<number, ParticipantFlag>();
  let i = 0;
  while (i < rows.length) {
    const pid = rows[i]![0];
    let end = i;
    while (end < rows.length && rows[end]![0] === pid) end++;
    const most = mostWithin(rows, i, end, t.burstSeconds * 1000, (r) => r[1]);
    if (most >= t.burstStatements) out.set(pid, { kind: 'statement-burst', detail: `${most} statements within ${duration(t.burstSeconds)}`, count: most, seconds: t.burstSeconds });
    i = end;
  }
  return out;
}

function merge(scan: Scan): Map<number, ParticipantFlag[]> {
  const out = new Map<number, ParticipantFlag[]>();
  const add = (pid: number, flag: ParticipantFlag) => {
    const list = out.get(pid);
    if (list) list.push(flag);
    else out.set(pid, [flag]);
  };
  for (const [pid, flag] of scan.statements) add(pid, flag);
  for (const [pid, voter] of scan.voters) for (const flag of voter.own) add(pid, flag);
  for (const [pid, flag] of scan.identical) add(pid, flag);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** Largest number of items in [from, to) (sorted by time) within any window of `windowMs`. */
function mostWithin<T>(items: ArrayLike<T>, from: number, to: number, windowMs: number, time: (item: T) => number): number {
  let most = 0;
  let j = from;
  for (let k = from; k < to; k++) {
    const tk = time(items[k]!);
    while (tk - time(items[j]!) > windowMs) j++;
    most = Math.max(most, k - j + 1);
  }
  return most;
}

/** "10 seconds", "10 minutes", "2 hours": the window in the unit that reads best. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 120) return `${s} seconds`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}
