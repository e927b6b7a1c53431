import type { Vote } from '../types.js';

/** Throws a TypeError naming the vote's position, the field and the bad value. */
export function validateVote(vote: Vote | undefined, index: number, columnar = false): void {
  const where = columnar ? `vote column row ${index}` : `votes[${index}]`;
  if (vote === null || typeof vote !== 'object') throw new TypeError(`${where}: expected a vote object, got ${String(vote)}`);
  for (const field of ['participant', 'statement'] as const) {
    const id = vote[field];
    const ok = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length > 0);
    if (!ok) throw new TypeError(`${where}.${field}: expected a non-empty string or finite number, got ${JSON.stringify(id) ?? String(id)}`);
  }
  if (vote.vote !== 1 && vote.vote !== 0 && vote.vote !== -1) {
    throw new TypeError(`${where}.vote: expected 1 (agree), -1 (disagree) or 0 (pass), got ${JSON.stringify(vote.vote) ?? String(vote.vote)}`);
  }
  const time = vote.time;
  if (time !== undefined && !(typeof time === 'number' && (Number.isFinite(time) || (columnar && Number.isNaN(time))))) {
    throw new TypeError(`${where}.time: expected milliseconds as a finite number, got ${JSON.stringify(time) ?? String(time)}`);
  }
}
