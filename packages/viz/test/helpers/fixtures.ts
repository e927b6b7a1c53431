import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bootstrap, replay, withUncertainty, type ConversationOptions, type KuuloResult, type StatementModeration, type Vote } from '@kuulo/core';
import { JSDOM } from 'jsdom';

/** Core's fixtures folder, read from the repo so tests pass on a fresh clone. */
const fixturesDir = fileURLToPath(new URL('../../../core/test/fixtures/', import.meta.url));

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(`${fixturesDir}${path}`, 'utf8')) as T;
}

/** A fresh jsdom Document, as a server would use. */
export function createDocument(): Document {
  return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

/** Votes of a Polis API fixture (votes.json: agree = +1, as Kuulo's public convention). */
export function polisVotes(conversation: string): Vote[] {
  // Older exports name fields pid/tid, newer ones participant_id/statement_id.
  const rows = readJson<{ pid?: number; tid?: number; participant_id?: number; statement_id?: number; vote: -1 | 0 | 1; modified: string | number }[]>(`polis-math-fixtures/${conversation}/votes.json`);
  return rows.map((v) => ({ participant: (v.pid ?? v.participant_id)!, statement: (v.tid ?? v.statement_id)!, vote: v.vote, time: Number(v.modified) }));
}

/** Final moderation state of a Polis API fixture (comments.json). */
export function polisModeration(conversation: string): StatementModeration[] {
  const rows = readJson<{ tid?: number; statement_id?: number; mod?: -1 | 0 | 1; moderated?: -1 | 0 | 1; is_meta: boolean }[]>(`polis-math-fixtures/${conversation}/comments.json`);
  return rows.map((c) => ({ statement: (c.tid ?? c.statement_id)!, moderation: (c.mod ?? c.moderated)!, isMeta: c.is_meta }));
}

/** Statement texts of a Polis API fixture, keyed by tid. */
export function polisStatementText(conversation: string): Map<number, string> {
  const rows = readJson<{ tid?: number; statement_id?: number; txt: string }[]>(`polis-math-fixtures/${conversation}/comments.json`);
  return new Map(rows.map((c) => [(c.tid ?? c.statement_id)!, c.txt]));
}

const cache = new Map<string, KuuloResult>();

/** Core's real pipeline (`replay`, default options, seeded) on a Polis API fixture; memoized. */
export function polisResult(conversation = 'below-100-ptpts'): KuuloResult {
  let result = cache.get(conversation);
  if (!result) {
    result = replay(polisVotes(conversation), { moderation: polisModeration(conversation) });
    cache.set(conversation, result);
  }
  return result;
}

/** Votes of a Polis open-data export (votes.csv). */
export function openDataVotes(conversation = 'vtaiwan.uberx'): Vote[] {
  const lines = readFileSync(`${fixturesDir}open-data/${conversation}/votes.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [time, , statement, participant, vote] = line.split(',');
    return { participant: Number(participant), statement: Number(statement), vote: Number(vote) as -1 | 0 | 1, time: Number(time) };
  });
}

/**
 * Core's pipeline on a Polis open-data export (votes.csv), in 20 time batches to keep the test
 * fast; vtaiwan.uberx has 1,921 participants, enough for the density view.
 */
export function openDataResult(conversation = 'vtaiwan.uberx'): KuuloResult {
  const key = `open-data/${conversation}`;
  let result = cache.get(key);
  if (!result) {
    result = replay(openDataVotes(conversation), { batches: 20 });
    cache.set(key, result);
  }
  return result;
}

/**
 * A fixture's result with core's real bootstrap attached (`withUncertainty`), seeded, memoized.
 * Polis API fixtures are replayed in `mode` (stable mode also computes bridging scores);
 * `open-data/<name>` takes `openDataResult` as the reference.
 */
export function uncertainResult(conversation = 'below-100-ptpts', mode: 'polis' | 'stable' = 'stable', resamples = 20): KuuloResult {
  const key = `uncertain/${conversation}/${mode}/${resamples}`;
  let result = cache.get(key);
  if (!result) {
    const openData = conversation.startsWith('open-data/');
    const votes = openData ? openDataVotes(conversation.slice('open-data/'.length)) : polisVotes(conversation);
    const moderation = openData ? [] : polisModeration(conversation);
    const reference = openData ? openDataResult(conversation.slice('open-data/'.length)) : replay(votes, { moderation, mode });
    const uncertainty = bootstrap({ votes, moderation, options: reference.options as ConversationOptions }, { reference, resamples });
    result = withUncertainty(reference, uncertainty);
    cache.set(key, result);
  }
  return result;
}
