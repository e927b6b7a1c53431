import type { ParticipantAnswer } from '@kuulo/core';
import { CliError } from './cliError.js';
import { readCsvTable } from './readCsvTable.js';

/** Participants' answers to background questions, as read from an answers file. */
export interface ParticipantAnswers {
  path: string;
  /** Question names in the header's column order. */
  questions: string[];
  /** Per question, its answers in the order first met in the file. */
  answersOf: Map<string, string[]>;
  answers: ParticipantAnswer[];
}

const integerId = /^-?\d+$/;

/**
 * Reads an answers CSV: a header `participant,<question>,…` (the first column's name is free),
 * then one row per participant with their answer text to each question; an empty cell means no
 * answer. Participant ids are integers, as in every Polis export (so they match the votes file's);
 * answers and question names are trimmed. Errors name the file, line and value.
 */
export async function readParticipantAnswers(path: string): Promise<ParticipantAnswers> {
  const { header, rows } = await readCsvTable(path);
  if (header.length < 2) throw new CliError(`${path} line 1: expected a header "participant,<question>,…" with at least one question, got ${JSON.stringify(header.join(','))}`);
  const questions = header.slice(1);
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (q === '') throw new CliError(`${path} line 1, column ${i + 2}: empty question name`);
    if (seen.has(q)) throw new CliError(`${path} line 1: question ${JSON.stringify(q)} is given twice`);
    seen.add(q);
  });
  const answersOf = new Map(questions.map((q) => [q, [] as string[]]));
  const answers: ParticipantAnswer[] = [];
  const lineOf = new Map<number, number>();
  for (const { line, fields } of rows) {
    const raw = fields[0]!.trim();
    if (!integerId.test(raw) || !Number.isSafeInteger(Number(raw))) {
      throw new CliError(`${path} line ${line}, field ${JSON.stringify(header[0])}: expected an integer participant id as in the votes file, got ${JSON.stringify(fields[0])}`);
    }
    const participant = Number(raw);
    const earlier = lineOf.get(participant);
    if (earlier !== undefined) throw new CliError(`${path} line ${line}: participant ${participant} already has a row (line ${earlier})`);
    lineOf.set(participant, line);
    questions.forEach((question, q) => {
      const answer = fields[q + 1]!.trim();
      if (answer === '') return;
      const list = answersOf.get(question)!;
      if (!list.includes(answer)) list.push(answer);
      answers.push({ participant, question, answer });
    });
  }
  return { path, questions, answersOf, answers };
}
