import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { hameentieDescription, hameentieLanguages, hameentieStatements, hameentieTopic, hameentieTravelMix, hameentieTravelQuestion, type Stance } from './demoHameentie.js';
import { replaceQuestions, saveAnswers } from './repositories/participantQuestions.js';
import { parsePolisExport } from './polis/parsePolisExport.js';
import { findConversation } from './repositories/conversations.js';
import { insertParticipant } from './repositories/participants.js';
import { insertStatement } from './repositories/statements.js';
import { putTranslation } from './repositories/translations.js';
import { insertVote, type VoteValue } from './repositories/votes.js';
import { createConversation } from './services/createConversation.js';
import { importConversation } from './services/importConversation.js';
import { textKey } from './services/textKey.js';

export const demoConversationId = '15-per-hour-seattle';

/** The bundled demo folder: packages/server/demo, found from source (src/) or a build (dist/). */
export function demoDir(moduleUrl: string = import.meta.url): string {
  for (const candidate of ['../demo/15-per-hour-seattle/', '../../demo/15-per-hour-seattle/']) {
    const dir = fileURLToPath(new URL(candidate, moduleUrl));
    if (existsSync(`${dir}votes.csv`)) return dir;
  }
  throw new Error(`demo data not found near ${fileURLToPath(moduleUrl)} (expected demo/15-per-hour-seattle/)`);
}

/** Imports the demo conversation unless present; returns its moderator key when it was just created. */
export async function ensureDemoConversation(app: FastifyInstance): Promise<{ created: boolean; moderatorKey?: string }> {
  if (await findConversation(app.db, demoConversationId)) return { created: false };
  const dir = demoDir();
  const read = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
  const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': read('comments.csv'), 'votes.csv': read('votes.csv'), 'summary.csv': read('summary.csv') } });
  const { conversation, moderatorKey } = await importConversation(
    app.db,
    { id: demoConversationId, topic: data.topic ?? '$15/hour', description: data.description ?? '', languages: ['en'] },
    data,
    app.kuulo.config.limits,
  );
  app.kuulo.math.touch(conversation.id);
  return { created: true, moderatorKey };
}

export const hameentieConversationId = 'hameentie';

/** The demo conversations that exist, for the home page's list. */
export async function demoConversations(app: FastifyInstance): Promise<string[]> {
  const present: string[] = [];
  for (const id of [demoConversationId, hameentieConversationId]) if (await findConversation(app.db, id)) present.push(id);
  return present;
}

/** Participants of the three-language demo; the first `sideA` of them lean to the street-for-people side. */
const participants = 60;
const sideA = 34;

/** mulberry32: a small seeded generator, so the demo's votes are the same on every start. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chances to agree and to disagree for a participant of one side on a statement (the rest pass). */
function leaning(stance: Stance, onSideA: boolean): [agree: number, disagree: number] {
  if (stance === 'both') return [0.75, 0.12];
  return (stance === 'a') === onSideA ? [0.85, 0.08] : [0.12, 0.78];
}

/**
 * Creates the three-language demo (Hämeentie, in Finnish, Swedish and English) unless present: its
 * statements with their authors' translations, and synthetic votes from a seeded generator in which
 * two sides disagree on the street and agree on deliveries, taxis, trees and buses.
 */
export async function ensureHameentieConversation(app: FastifyInstance): Promise<{ created: boolean; moderatorKey?: string }> {
  if (await findConversation(app.db, hameentieConversationId)) return { created: false };
  const random = seededRandom(13);
  const { conversation, moderatorKey } = await app.db.transaction(async (db) => {
    const [main, ...others] = hameentieLanguages;
    const created = await createConversation(
      db,
      {
        id: hameentieConversationId,
        topic: hameentieTopic[main],
        description: hameentieDescription[main],
        languages: [...hameentieLanguages],
        translations: Object.fromEntries(others.map((lang) => [lang, { topic: hameentieTopic[lang], description: hameentieDescription[lang] }])),
      },
      app.kuulo.config.limits,
    );
    const id = created.conversation.id;
    // Votes arrive a second apart, ending now: the math reads them in this order.
    const votesCast = participants * hameentieStatements.length;
    let time = Date.now() - (votesCast + hameentieStatements.length) * 1000;
    for (let pid = 0; pid < participants; pid++) await insertParticipant(db, id, { tokenHash: null, xid: null, createdAt: time, pid });
    // Each statement's author is a participant of the side that agrees with it (every third participant for shared ones).
    const authors = hameentieStatements.map((s, i) => (s.stance === 'b' ? sideA + i : s.stance === 'a' ? i : 3 * i));
    const tids: number[] = [];
    for (const [i, s] of hameentieStatements.entries()) {
      const text = s.text[s.original];
      const statement = await insertStatement(db, id, {
        authorPid: authors[i]!,
        text,
        textKey: textKey(text),
        lang: s.original,
        langSource: 'author',
        isSeed: false,
        isMeta: false,
        moderation: 1,
        createdAt: (time += 1000),
      });
      for (const lang of hameentieLanguages) if (lang !== s.original) await putTranslation(db, id, statement.tid, lang, s.text[lang], 'author', time);
      tids.push(statement.tid);
    }
    for (let pid = 0; pid < participants; pid++) {
      for (const [i, s] of hameentieStatements.entries()) {
        const authored = authors[i] === pid;
        // Most participants skip a statement or two; authors always agree with their own.
        if (!authored && random() < 0.15) continue;
        const [agree, disagree] = leaning(s.stance, pid < sideA);
        const r = random();
        const vote: VoteValue = authored || r < agree ? 1 : r < agree + disagree ? -1 : 0;
        await insertVote(db, id, { pid, tid: tids[i]!, vote, createdAt: (time += 1000) });
      }
    }
    // The report's "who took part" section: one question with population shares; about one in eight declines.
    const question = hameentieTravelQuestion;
    await replaceQuestions(db, id, [{ key: question.key, text: { ...question.text }, meta: null, answers: question.answers.map((a) => ({ key: a.key, text: { ...a.text }, population: a.population })) }], 3);
    for (let pid = 0; pid < participants; pid++) {
      const r = random();
      const cut = hameentieTravelMix[pid < sideA ? 'a' : 'b'].findIndex((c) => r < c);
      await saveAnswers(db, id, pid, { [question.key]: random() < 0.12 ? null : question.answers[cut]!.key }, time);
    }
    return created;
  });
  app.kuulo.math.touch(conversation.id);
  return { created: true, moderatorKey };
}
