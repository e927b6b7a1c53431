import { readFileSync } from 'node:fs';

const demo = new URL('../demo/15-per-hour-seattle/', import.meta.url);
const fixtures = new URL('../../core/test/fixtures/polis-math-fixtures/', import.meta.url);

/** The bundled demo conversation's open-data CSVs. */
export function demoCsv(): Record<'comments.csv' | 'votes.csv' | 'summary.csv' | 'participants-votes.csv', string> {
  const read = (name: string) => readFileSync(new URL(name, demo), 'utf8');
  return { 'comments.csv': read('comments.csv'), 'votes.csv': read('votes.csv'), 'summary.csv': read('summary.csv'), 'participants-votes.csv': read('participants-votes.csv') };
}

/** A Polis API JSON export from the core fixtures (votes in the export sign, agree = +1). */
export function fixtureJson(name: string): Record<'comments.json' | 'votes.json' | 'conversation.json', string> {
  const read = (file: string) => readFileSync(new URL(`${name}/${file}`, fixtures), 'utf8');
  return { 'comments.json': read('comments.json'), 'votes.json': read('votes.json'), 'conversation.json': read('conversation.json') };
}

export function fixtureMath(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}/math-pca2.json`, fixtures), 'utf8')) as Record<string, unknown>;
}

/** The demo's current votes (latest per participant and statement), in the file's time order. */
export function demoFinalVotes(): { time: number; statement: number; participant: number; vote: number }[] {
  const latest = new Map<string, { time: number; statement: number; participant: number; vote: number }>();
  for (const line of demoCsv()['votes.csv'].trim().split('\n').slice(1)) {
    const [time, , statement, participant, vote] = line.split(',').map((f, i) => (i === 1 ? NaN : Number(f)));
    const key = `${participant}:${statement}`;
    const prior = latest.get(key);
    if (!prior || prior.time <= time!) latest.set(key, { time: time!, statement: statement!, participant: participant!, vote: vote! });
  }
  return [...latest.values()].sort((a, b) => a.time - b.time);
}

/** A votes.csv of these votes arriving in the given order (timestamps 1, 2, 3… seconds after a fixed start). */
export function votesCsvInOrder(votes: { statement: number; participant: number; vote: number }[], order: number[]): string {
  const start = Date.UTC(2024, 0, 1);
  const rows = order.map((i, k) => `${start + 1000 * k},,${votes[i]!.statement},${votes[i]!.participant},${votes[i]!.vote}`);
  return ['timestamp,datetime,comment-id,voter-id,vote', ...rows].join('\n') + '\n';
}
