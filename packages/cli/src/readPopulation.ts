import type { PopulationShare } from '@kuulo/core';
import { CliError } from './cliError.js';
import { readCsvTable } from './readCsvTable.js';

/** Population figures (margins), as read from a margins file. */
export interface Population {
  path: string;
  shares: PopulationShare[];
}

const columns = ['question', 'answer', 'share'] as const;
/** A plain decimal number: 0.25, .25, 25, 25.0 (no exponent, no sign). */
const decimal = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a margins CSV: a header with the columns `question`, `answer` and `share` (in any order,
 * others ignored), then one row per answer with the population's share of it, as a fraction
 * (`0.25`) or a percentage (`25%`). Each question's shares must sum to 1 (100 %) within 0.02.
 * Errors name the file, line and value.
 */
export async function readPopulation(path: string): Promise<Population> {
  const { header, rows } = await readCsvTable(path);
  const lower = header.map((h) => h.toLowerCase());
  const index = Object.fromEntries(columns.map((c) => [c, lower.indexOf(c)])) as Record<(typeof columns)[number], number>;
  const missing = columns.filter((c) => index[c] === -1);
  if (missing.length > 0) throw new CliError(`${path} line 1: expected the columns question, answer and share, missing ${missing.join(', ')}`);
  const shares: PopulationShare[] = [];
  const lineOf = new Map<string, number>();
  const sums = new Map<string, { sum: number; lines: number[] }>();
  for (const { line, fields } of rows) {
    const question = fields[index.question]!.trim();
    const answer = fields[index.answer]!.trim();
    const text = fields[index.share]!;
    if (question === '') throw new CliError(`${path} line ${line}, field "question": empty`);
    if (answer === '') throw new CliError(`${path} line ${line}, field "answer": empty`);
    const share = parseShare(text);
    if (share === null) throw new CliError(`${path} line ${line}, field "share": expected a fraction from 0 to 1 or a percentage from 0% to 100%, got ${JSON.stringify(text)}`);
    const key = JSON.stringify([question, answer]);
    const earlier = lineOf.get(key);
    if (earlier !== undefined) throw new CliError(`${path} line ${line}: question ${JSON.stringify(question)} answer ${JSON.stringify(answer)} is already given on line ${earlier}`);
    lineOf.set(key, line);
    const total = sums.get(question) ?? { sum: 0, lines: [] };
    total.sum += share;
    total.lines.push(line);
    sums.set(question, total);
    shares.push({ question, answer, share });
  }
  for (const [question, { sum, lines }] of sums) {
    if (Math.abs(sum - 1) > 0.02) {
      throw new CliError(`${path} lines ${lines.join(', ')}: the shares of question ${JSON.stringify(question)} sum to ${Math.round(sum * 1e4) / 1e4} (${Math.round(sum * 1e4) / 100}%), not 1 (100%)`);
    }
  }
  return { path, shares };
}

/** `0.25` → 0.25, `25%` / `25 %` → 0.25; null when not a share from 0 to 1. */
export function parseShare(text: string): number | null {
  const t = text.trim();
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1).trimEnd() : t;
  if (!decimal.test(digits)) return null;
  const value = percent ? Number(digits) / 100 : Number(digits);
  return value >= 0 && value <= 1 ? value : null;
}
