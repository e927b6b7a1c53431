import { Command, CommanderError, Option } from 'commander';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { CliError } from './cliError.js';
import { processIo, type CliIo } from './cliIo.js';
import { compare, type CompareOptions } from './compare.js';
import { addInputOptions } from './inputOptions.js';
import { migrate, type MigrateCommandOptions } from './migrate.js';
import { positiveInteger, positiveNumber, privacyFloor } from './numberArgument.js';
import { replayGroups, type ReplayGroupsOptions } from './replayGroups.js';
import { reportLanguages } from './reportCatalogs.js';
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

  addInputOptions(
    program
      .command('analyze')
      .description('compute opinion groups, representative statements and consensus from a Polis export')
      .argument('<votes>', 'votes.json (Polis API export) or votes.csv (Polis open data)'),
  )
    .option('--replay', 'replay the votes in time order, one update per batch, as the conversation evolved')
    .option('--batch-size <n>', 'votes per replayed update', positiveInteger)
    .option('--batches <n>', 'number of replayed updates (default 500)', positiveInteger)
    .option('--batch-ms <ms>', 'time window per replayed update in ms', positiveNumber)
    .option('--final-restart', 'end a replay with a restart tick like Polis (default)')
    .option('--no-final-restart', 'end a replay without the restart tick')
    .addOption(new Option('--polis-era <era>', "with --replay: 'auto' runs each update with the rules of Polis's code on its date (core polisEraRules); 'off' (default) today's algorithm").choices(['auto', 'off']))
    .option('--bootstrap <n>', 'attach bootstrap uncertainty from n resamples, seeded by --seed: membership confidence, group stability, robust statements, bridging intervals', positiveInteger)
    .option('--participant-answers <csv>', "participants' answers to background questions (participant,<question>,…): who took part, overall and per group")
    .option('--population <csv>', "the population's share of each answer (question,answer,share): weights majority, consensus and statement shares to it")
    .option('--meta-questions', "use Polis's meta statements as questions, answered by each participant's agree or disagree vote")
    .option('--privacy-floor <n>', 'no figure of the representativeness section describes fewer participants than this (2 to 100, default 5)', privacyFloor)
    .addOption(
      new Option('--format <format>', 'kuulo result JSON, Polis math/pca2 JSON, a self-contained HTML report, or CSV tables')
        .choices(['kuulo', 'polis', 'html', 'csv'])
        .default('kuulo'),
    )
    .addOption(new Option('--lang <lang>', 'language of the HTML report: en (default), fi or sv').choices(reportLanguages))
    .option('--out <file>', 'write here instead of stdout (csv: prefix of participants.csv, statements.csv and representativeness.csv)')
    .option('--out-dir <folder>', 'write into this folder: result.json, math-pca2.json, report.html or the csv files')
    .option('--pretty', 'indent the JSON')
    .action(async (votes: string, opts: AnalyzeOptions, command: Command) => {
      // Only a flag given on the command line counts; the default is replay's own.
      if (command.getOptionValueSource('finalRestart') !== 'cli') delete opts.finalRestart;
      if (opts.finalRestart !== undefined && !opts.replay) throw new CliError('--final-restart and --no-final-restart need --replay');
      await analyze(votes, opts, io);
    });

  addInputOptions(
    program
      .command('replay')
      .description('replay the votes in time order and write the groups after every N votes as JSON lines')
      .argument('<votes>', 'votes.json or votes.csv, with vote times'),
  )
    .requiredOption('--every <n>', 'votes per update (one JSON line each)', positiveInteger)
    .option('--members', "add each participant's group to every line (participantGroup)")
    .option('--final-restart', "end with Polis's restart tick as one more line")
    .addOption(new Option('--polis-era <era>', "'auto' runs each update with the rules of Polis's code on its date; 'off' (default) today's algorithm").choices(['auto', 'off']))
    .option('--out <file>', 'write the lines here instead of stdout')
    .action(async (votes: string, opts: ReplayGroupsOptions) => {
      await replayGroups(votes, opts, io);
    });

  program
    .command('compare')
    .description('agreement between two groupings: adjusted Rand index, matched groups, statement overlap')
    .argument('<a>', 'Kuulo result JSON, Polis math-pca2.json or participants-votes.csv')
    .argument('<b>', 'the same kinds of file')
    .option('--json', 'print the comparison as JSON')
    .option('--pretty', 'indent the JSON')
    .action(async (a: string, b: string, opts: CompareOptions) => {
      await compare(a, b, opts, io);
    });

  program
    .command('migrate')
    .description("copy a Kuulo server's SQLite database into an empty PostgreSQL database, every table and row, and verify the counts")
    .requiredOption('--from <file>', 'the SQLite database file (stop the server using it first)')
    .requiredOption('--to <url>', 'postgres://user@host:5432/db (give the password in PGPASSWORD, not in the URL)')
    .option('--batch-rows <n>', 'most rows per read and per INSERT (default 1000)', positiveInteger)
    .option('--quiet', 'no progress on stderr')
    .action(async (opts: MigrateCommandOptions) => {
      await migrate(opts, io);
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
