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
