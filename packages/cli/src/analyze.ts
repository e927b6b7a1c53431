import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Conversation, representativeness, toPolisMath, VoteStore, type KuuloResult, type Representativeness, type RepresentativenessInput, type StatementId, type StatementVoteCounts } from '@kuulo/core';
import { attachUncertainty } from './attachUncertainty.js';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { participantsCsv, representativenessCsv, statementsCsv } from './csvReport.js';
import { fileSha256 } from './fileSha256.js';
import { loadInput, timedVotes, votesOf, type InputOptions, type LoadedInput } from './loadInput.js';
import { readParticipantAnswers, type ParticipantAnswers } from './readParticipantAnswers.js';
import { readPopulation, type Population } from './readPopulation.js';
import { statFile, type LoadedVotes } from './readVotes.js';
import { createProgress } from './progress.js';
import { startHelperThread, type HelperThread } from './helperThread.js';
import { reloadOrderColumns, reloadOrderIds, reloadOrderVotes } from './reloadOrder.js';
import { checkReportLanguage } from './reportCatalogs.js';
import { replaySteps } from '@kuulo/core';
import { statementRows } from './statementRows.js';
import { version } from './version.js';

export type AnalyzeFormat = 'kuulo' | 'polis' | 'html' | 'csv';

export interface AnalyzeOptions extends InputOptions {
  /** Re-run the conversation in time-ordered batches (see core `replay`) instead of one update. */
  replay?: boolean;
  batchSize?: number;
  batches?: number;
  batchMs?: number;
  finalRestart?: boolean;
  /** With `replay`: core's `polisEra` ('auto': Polis's code of each update's date). Default 'off'. */
  polisEra?: 'auto' | 'off';
  /** Bootstrap resamples whose uncertainty is attached to the result (core `bootstrap`, seeded by `seed`). Default none. */
  bootstrap?: number;
  /** Participants' answers to background questions (CSV `participant,<question>,…`): adds the representativeness section. */
  participantAnswers?: string;
  /** The population's share of each answer (CSV `question,answer,share`): weights the representativeness section's figures. */
  population?: string;
  /** Use the meta statements as questions answered by each participant's vote (core `metaQuestions`). Default false. */
  metaQuestions?: boolean;
  /** Privacy floor of the representativeness section. Default core's, 5. */
  privacyFloor?: number;
  /** Output format. Default 'kuulo'. */
  format?: AnalyzeFormat;
  /** Language of the HTML report (`en`, `fi`, `sv`). Default 'en'. The JSON and CSV outputs have none. */
  lang?: string;
  /** Output file; for csv a prefix of the two file names. Default stdout (csv needs --out or --out-dir). */
  out?: string;
  /** Output folder, with the format's conventional file names. */
  outDir?: string;
  pretty?: boolean;
}

/** Conventional file names per format when writing into --out-dir. */
const outDirNames: Record<AnalyzeFormat, string[]> = {
  kuulo: ['result.json'],
  polis: ['math-pca2.json'],
  html: ['report.html'],
  csv: ['participants.csv', 'statements.csv'],
};
/** The extra csv file written with a representativeness section. */
const representativenessCsvName = 'representativeness.csv';

/** `kuulo analyze`: load a Polis export, run the math, write the result as JSON, HTML or CSV. */
export async function analyze(votesPath: string, options: AnalyzeOptions, io: CliIo): Promise<void> {
  const started = performance.now();
  const format = options.format ?? 'kuulo';
  if (!options.replay && (options.batchSize !== undefined || options.batches !== undefined || options.batchMs !== undefined)) {
    throw new CliError('--batch-size, --batches and --batch-ms need --replay');
  }
  if (options.polisEra !== undefined && options.polisEra !== 'auto' && options.polisEra !== 'off') throw new CliError(`--polis-era must be auto or off, got ${options.polisEra}`);
  if (!options.replay && options.polisEra === 'auto') throw new CliError("--polis-era auto applies Polis's code of each replayed update's date: it needs --replay");
  if (options.out !== undefined && options.outDir !== undefined) throw new CliError('give --out or --out-dir, not both');
  if (format === 'csv' && options.out === undefined && options.outDir === undefined) {
    throw new CliError('--format csv writes participants.csv and statements.csv: give --out-dir <folder> or --out <prefix>');
  }
  if (options.lang !== undefined) {
    if (format !== 'html') throw new CliError(`--lang sets the language of the HTML report; --format ${format} is machine-readable and has none: add --format html`);
    checkReportLanguage(options.lang);
  }
  if (options.bootstrap !== undefined && format === 'polis') throw new CliError("--bootstrap adds uncertainty, which Polis's math JSON has no place for: use --format kuulo, html or csv");
  const wantsRepresentativeness = options.participantAnswers !== undefined || options.metaQuestions === true;
  if (options.population !== undefined && !wantsRepresentativeness) {
    throw new CliError("--population gives the population's shares of participants' answers, and there are none: add --participant-answers <csv> or --meta-questions");
  }
  if (options.privacyFloor !== undefined && !wantsRepresentativeness) {
    throw new CliError('--privacy-floor sets the floor of the representativeness section: add --participant-answers <csv> or --meta-questions');
  }
  if (wantsRepresentativeness && format === 'polis') {
    const flags = [options.participantAnswers !== undefined && '--participant-answers', options.population !== undefined && '--population', options.metaQuestions && '--meta-questions'].filter(Boolean);
    throw new CliError(`${flags.join(', ')} ${flags.length === 1 ? 'adds' : 'add'} a representativeness section, which Polis's math JSON has no place for: use --format kuulo, html or csv`);
  }
  // Read before the votes, so a bad file stops the run at once.
  const answers = options.participantAnswers === undefined ? null : await readParticipantAnswers(options.participantAnswers);
  const population = options.population === undefined ? null : await readPopulation(options.population);

  // Started while the file is read, so that the thread is up when the votes go into the conversation.
  const helper = !options.replay && options.threads !== 1 && (await fileBytes(votesPath)) >= helperThreadBytes ? startHelperThread() : null;
  try {
    const input = await loadInput(votesPath, options, io, { deferSignCheck: !options.replay });
    if (options.metaQuestions && answers === null && !input.moderation.some((m) => m.isMeta)) {
      const where = input.commentsPath === null ? 'no comments file was found or given' : `${input.commentsPath} marks none`;
      throw new CliError(`--meta-questions asks the meta statements, and there are none (${where}): give --comments <file> or --participant-answers <csv>`);
    }
    input.say(options.replay ? `replaying ${input.count} votes` : `computing groups from ${input.count} votes`);
    const computed = options.replay ? { result: runReplay(input, options, io), conversation: null } : runOnce(input, helper);
    let result = computed.result;
    if (options.bootstrap !== undefined) {
      input.say(`bootstrap: ${options.bootstrap} resamples`);
      // A replay's history cannot be resampled: the votes are, and each resample is one cold update (core's rule).
      const source = computed.conversation ?? { votes: votesOf(input.loaded), moderation: input.moderation, options: input.conversationOptions };
      result = attachUncertainty(result, source, io, { resamples: options.bootstrap, progress: !options.quiet && (io.stderr.isTTY === true || input.long) });
    }
    // The conversation holds the votes (a votes.csv's columns were handed over to it); a replay keeps none.
    const votes = (): RepresentativenessInput['votes'] => computed.conversation?.voteMatrix() ?? voteMatrixOf(input.loaded);
    let section: Representativeness | null = null;
    if (wantsRepresentativeness) section = computeRepresentativeness({ result, votes: votes(), answers, population }, options);
    input.say(`${result.participants.length} participants × ${result.statements.length} statements, ${result.groups.length} groups, ${((performance.now() - started) / 1000).toFixed(1)} s in all`);

    const outputs = await render(result, section, input, format, options, votes);
    const paths = outputPaths(format, options, section !== null);
    if (paths === null) io.stdout.write(outputs[0]!);
    else {
      if (options.outDir !== undefined) await mkdir(options.outDir, { recursive: true });
      for (let i = 0; i < outputs.length; i++) {
        await writeFile(paths[i]!, outputs[i]!);
        input.say(`wrote ${paths[i]}`);
      }
    }
  } finally {
    // The thread never keeps the process alive; closing it frees it at once.
    void helper?.close();
  }
}

/** The text of each output file, in `outDirNames` order. */
async function render(result: KuuloResult, section: Representativeness | null, input: LoadedInput, format: AnalyzeFormat, options: AnalyzeOptions, votes: () => RepresentativenessInput['votes']): Promise<string[]> {
  switch (format) {
    case 'kuulo':
    case 'polis': {
      // The section rides along as one more top-level key; core's KuuloResult itself has none.
      // Polis's JSON shares the result's arrays: it is written at once, and copies would cost ~10 MB of fresh pages at 50k participants.
      const json = format === 'polis' ? toPolisMath(result, { copy: false }) : section === null ? result : { ...result, representativeness: section };
      return [`${JSON.stringify(json, null, options.pretty ? 2 : undefined)}\n`];
    }
    case 'csv': {
      const rows = statementRows(result, votes(), input.comments);
      return [participantsCsv(result), statementsCsv(result, rows), ...(section === null ? [] : [representativenessCsv(section)])];
    }
    case 'html': {
      // Loaded only for HTML: the report pulls in @kuulo/viz and d3, which the other formats do without.
      const [{ createDomDocument }, { htmlReport }] = await Promise.all([import('./createDomDocument.js'), import('./htmlReport.js')]);
      const createDocument = await createDomDocument();
      const source = {
        votesPath: input.votesPath,
        votes: input.count,
        bytes: input.bytes,
        sha256: await fileSha256(input.votesPath),
        commentsPath: input.commentsPath,
        conversationPath: input.conversationPath,
        sign: options.sign ?? 'export',
        ...(section === null
          ? {}
          : {
              participantAnswers: options.participantAnswers === undefined ? null : await fileDetails(options.participantAnswers),
              population: options.population === undefined ? null : await fileDetails(options.population),
              metaQuestions: options.metaQuestions === true,
            }),
      };
      const rows = statementRows(result, votes(), input.comments);
      return [htmlReport(result, { rows, source, createDocument, version, lang: options.lang ?? 'en', ...(section === null ? {} : { representativeness: section }) })];
    }
    default:
      throw new CliError(`unknown format: ${String(format satisfies never)}`);
  }
}

/** Where each output goes, or null for stdout. */
function outputPaths(format: AnalyzeFormat, options: AnalyzeOptions, withRepresentativeness: boolean): string[] | null {
  const names = format === 'csv' && withRepresentativeness ? [...outDirNames.csv, representativenessCsvName] : outDirNames[format];
  if (options.outDir !== undefined) return names.map((n) => join(options.outDir!, n));
  if (options.out === undefined) return null;
  if (format !== 'csv') return [options.out];
  // A prefix: "results/brexit" gives results/brexit-participants.csv; "results/" gives results/participants.csv.
  const joiner = options.out === '' || /[-_./\\]$/.test(options.out) ? '' : '-';
  return names.map((n) => `${options.out}${joiner}${n}`);
}

/** Size and SHA-256 of an input file, for the report's list of input files. */
async function fileDetails(path: string): Promise<{ path: string; bytes: number; sha256: string }> {
  return { path, bytes: (await stat(path)).size, sha256: await fileSha256(path) };
}

/** The votes as `Conversation.voteMatrix()` gives them, from the file (a replay keeps no conversation). */
const emptyColumns = { length: 0, participant: new Int32Array(0), statement: new Int32Array(0), vote: new Int8Array(0), time: new Float64Array(0) };

// Agree and disagree counts per statement from the merged matrix (Polis's internal sign there: agree = −1).
function statementCounts(conversation: Conversation): StatementVoteCounts {
  const { statements, matrix } = conversation.voteMatrix();
  // One counter per (statement, vote): a single increment per vote.
  const counts = new Int32Array(3 * statements.length);
  const { colIdx, values } = matrix;
  for (let k = 0; k < colIdx.length; k++) counts[3 * colIdx[k]! + values[k]! + 1]!++;
  const out = new Map<StatementId, { agree: number; disagree: number }>();
  statements.forEach((id, c) => {
    const agree = counts[3 * c]!;
    const disagree = counts[3 * c + 2]!;
    if (agree + counts[3 * c + 1]! + disagree > 0) out.set(id, { agree, disagree });
  });
  return out;
}

function voteMatrixOf(loaded: LoadedVotes): RepresentativenessInput['votes'] {
  const store = new VoteStore();
  if (loaded.format === 'json') store.add(loaded.votes);
  else store.addColumns(loaded.columns);
  const matrix = store.matrix();
  return { participants: store.participantIds, statements: store.statementIds, matrix };
}

/**
 * Core's `representativeness` of the result, with the questions in the answers file's column order and
 * each question's answers in the population file's order, then as first met in the answers file.
 */
function computeRepresentativeness(
  input: { result: KuuloResult; votes: RepresentativenessInput['votes']; answers: ParticipantAnswers | null; population: Population | null },
  options: AnalyzeOptions,
): Representativeness {
  const { answers, population } = input;
  const questions = (answers?.questions ?? []).map((id) => {
    const listed = (population?.shares ?? []).filter((p) => p.question === id).map((p) => p.answer);
    return { id, answers: [...new Set([...listed, ...answers!.answersOf.get(id)!])] };
  });
  try {
    const section = representativeness(
      { result: input.result, votes: input.votes, questions, answers: answers?.answers ?? [], population: population?.shares ?? [] },
      { ...(options.privacyFloor === undefined ? {} : { floor: options.privacyFloor }), metaQuestions: options.metaQuestions === true },
    );
    // Core warns once per population row of a question that is not asked: say it once.
    const seen = new Set<string>();
    const warnings = section.warnings.filter((w) => {
      const key = JSON.stringify([w.question, w.answer ?? null, w.message]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { ...section, warnings };
  } catch (error) {
    // Only figures the readers have already checked can trip core's checks; say it plainly all the same.
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  }
}

// About 2^22 votes of a Polis votes.csv (~50 bytes a row), from where core's PCA takes the scatter product
// (pca.ts) that a second thread can halve; below, the thread's start-up (~50 ms) would not pay.
const helperThreadBytes = 200e6;

// The votes file's size, 0 when it cannot be read (loadInput then says why).
async function fileBytes(path: string): Promise<number> {
  return statFile(path).then((s) => s.size, () => 0);
}

function runOnce(input: LoadedInput, helper: HelperThread | null): { result: KuuloResult; conversation: Conversation } {
  const conversation = new Conversation(input.conversationOptions, helper ? { helper } : {});
  conversation.moderate(input.moderation);
  const { loaded } = input;
  if (loaded.format === 'json') conversation.addVotes(reloadOrderVotes(loaded.votes));
  else {
    // Polis's reload order fixes rows and columns; reserving ids in that order spares sorting the votes.
    const ids = reloadOrderIds(loaded.parts);
    if (ids) conversation.reserveIds(ids);
    const parts = ids ? loaded.parts : [reloadOrderColumns(loaded.columns)];
    // Handed over, not copied (nor the threads' parts joined), with the readers' spare capacity: from here on the conversation's matrix is the only copy of the votes.
    conversation.addVoteColumns(
      parts.map(({ participant, statement, vote, time }) => ({ participant, statement, vote, time })),
      { adopt: true, keepTimes: false, wholeBuffers: true },
    );
    loaded.columns = emptyColumns;
    input.signCheck?.(statementCounts(conversation));
  }
  return { result: conversation.update(), conversation };
}

function runReplay(input: LoadedInput, options: AnalyzeOptions, io: CliIo): KuuloResult {
  const steps = replaySteps(timedVotes(input, '--replay'), {
    ...input.conversationOptions,
    moderation: input.moderation,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.batches === undefined ? {} : { batches: options.batches }),
    ...(options.batchMs === undefined ? {} : { batchMs: options.batchMs }),
    finalRestart: options.finalRestart ?? true,
    ...(options.polisEra === undefined ? {} : { polisEra: options.polisEra }),
  });
  const progress = createProgress(io, 'replaying votes', input.count, { enabled: !options.quiet && (io.stderr.isTTY === true || input.long) });
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      progress.update(step.value.votes);
    }
  } finally {
    progress.stop();
  }
}
