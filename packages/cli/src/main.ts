import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { CliError } from './cliError.js';
import { processIo, type CliIo } from './cliIo.js';
import { version } from './version.js';

/**
 * Runs the kuulo CLI on `argv` (arguments after the program name) and resolves to the exit code:
 * 0 on success, 1 on any error, which is printed as one line on stderr without a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command()
    .name('kuulo')
    .description('Kuulo: Polis-style opinion clustering for researchers')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('analyze')
    .description('compute opinion groups, representative statements and consensus from a Polis export')
    .argument('<votes>', 'votes.json (Polis API export) or votes.csv (Polis open data)')
    .option('--comments <file>', 'comments.json or comments.csv for moderation and meta (default: beside the votes file)')
    .option('--no-comments', 'ignore comments files')
    .option('--conversation <file>', 'conversation.json for strict moderation (default: beside the votes file)')
    .option('--no-conversation', 'ignore conversation.json')
    .option('--strict-moderation', 'treat the conversation as strictly moderated (overrides conversation.json)')
    .option('--no-strict-moderation', 'treat the conversation as not strictly moderated')
    .option('--replay', 'replay the votes in time order, one update per batch, as the conversation evolved')
    .option('--batch-size <n>', 'votes per replayed update', positiveInteger)
    .option('--batches <n>', 'number of replayed updates (default 500)', positiveInteger)
    .option('--batch-ms <ms>', 'time window per replayed update in ms', positiveNumber)
    .option('--final-restart', 'end a replay with a restart tick like Polis (default)')
    .option('--no-final-restart', 'end a replay without the restart tick')
    .option('--seed <n>', 'seed of every random choice', integer, 0)
    .addOption(new Option('--format <format>', 'output: kuulo result or Polis math/pca2 JSON').choices(['kuulo', 'polis']).default('kuulo'))
    .addOption(new Option('--sign <sign>', "votes file sign: 'export' (agree = +1) or 'internal' (agree = -1)").choices(['export', 'internal']).default('export'))
    .option('--no-sign-check', 'skip comparing votes with the comments agree/disagree counts')
    .option('--out <file>', 'write the JSON here instead of stdout')
    .option('--pretty', 'indent the JSON')
    .option('--quiet', 'no progress messages on stderr')
    .action(async (votes: string, opts: AnalyzeOptions, command: Command) => {
      // Only a flag given on the command line counts; the default is replay's own.
      if (command.getOptionValueSource('finalRestart') !== 'cli') delete opts.finalRestart;
      if (opts.finalRestart !== undefined && !opts.replay) throw new CliError('--final-restart and --no-final-restart need --replay');
      await analyze(votes, opts, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (usage errors) or the help / version text.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kuulo: ${message}\n`);
    if (process.env.KUULO_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return Number(value);
}

function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}
