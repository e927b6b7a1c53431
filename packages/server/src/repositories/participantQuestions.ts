import type { Db } from '../db/db.js';

/** Text per language tag, e.g. { fi: 'Missä asut?', en: 'Where do you live?' }. */
export type Texts = Record<string, string>;

export interface QuestionAnswer {
  key: string;
  text: Texts;
  /** The population's share of this answer (0..1), or null when the city gave none. */
  population: number | null;
}

/** A participant question as stored (spec JSON) and served. */
export interface ParticipantQuestion {
  key: string;
  text: Texts;
  /** A Polis meta statement standing in for the question: answered by its votes (agree / disagree), never asked. */
  meta: number | null;
  answers: QuestionAnswer[];
}

export async function listQuestions(db: Db, conversationId: number): Promise<ParticipantQuestion[]> {
  const rows = (await db.all('SELECT key, spec FROM participant_questions WHERE conversation_id = ? ORDER BY position', conversationId)) as { key: string; spec: string }[];
  return rows.map((r) => ({ key: r.key, ...(JSON.parse(r.spec) as Omit<ParticipantQuestion, 'key'>) }));
}

/** Votes a participant casts before the questions are offered. */
export async function questionsAfter(db: Db, conversationId: number): Promise<number> {
  return ((await db.get('SELECT questions_after AS n FROM conversations WHERE id = ?', conversationId)) as { n: number } | undefined)?.n ?? 3;
}

/** Replaces the conversation's questions; answers already given stay stored under their question keys. */
export async function replaceQuestions(db: Db, conversationId: number, questions: readonly ParticipantQuestion[], askAfterVotes: number | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM participant_questions WHERE conversation_id = ?', conversationId);
    for (const [position, { key, ...spec }] of questions.entries()) {
      await tx.run('INSERT INTO participant_questions (conversation_id, key, position, spec) VALUES (?, ?, ?, ?)', conversationId, key, position, JSON.stringify(spec));
    }
    if (askAfterVotes !== undefined) await tx.run('UPDATE conversations SET questions_after = ? WHERE id = ?', askAfterVotes, conversationId);
  });
}

/** A participant's answers: question key → answer key, or null where they declined. */
export async function answersOf(db: Db, conversationId: number, pid: number): Promise<Record<string, string | null>> {
  const rows = (await db.all('SELECT question_key AS q, answer_key AS a FROM participant_answers WHERE conversation_id = ? AND pid = ? ORDER BY question_key', conversationId, pid)) as { q: string; a: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.q, r.a]));
}

/** Stores (or replaces) a participant's answers; null records that they declined. */
export async function saveAnswers(db: Db, conversationId: number, pid: number, answers: Record<string, string | null>, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [question, answer] of Object.entries(answers)) {
      await tx.run(
        `INSERT INTO participant_answers (conversation_id, pid, question_key, answer_key, answered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, pid, question_key) DO UPDATE SET answer_key = excluded.answer_key, answered_at = excluded.answered_at`,
        conversationId, pid, question, answer, now,
      );
    }
  });
}

/** Every given answer of the conversation as parallel columns, for the math job (declined ones left out). */
export async function answerColumns(db: Db, conversationId: number): Promise<{ pid: number[]; question: string[]; answer: string[] }> {
  const out = { pid: [] as number[], question: [] as string[], answer: [] as string[] };
  await db.each('SELECT pid, question_key, answer_key FROM participant_answers WHERE conversation_id = ? AND answer_key IS NOT NULL ORDER BY pid, question_key', [conversationId], (row) => {
    out.pid.push(row[0] as number);
    out.question.push(row[1] as string);
    out.answer.push(row[2] as string);
  });
  return out;
}
