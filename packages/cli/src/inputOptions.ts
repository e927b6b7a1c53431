import { Option, type Command } from 'commander';
import { integer, threadCount } from './numberArgument.js';

/** Adds the options that read a votes file and its companions (shared by analyze and replay). */
export function addInputOptions(command: Command): Command {
  return command
    .option('--comments <file>', 'comments.json or comments.csv for moderation and meta (default: beside the votes file)')
    .option('--no-comments', 'ignore comments files')
    .option('--conversation <file>', 'conversation.json for strict moderation (default: beside the votes file)')
    .option('--no-conversation', 'ignore conversation.json')
    .option('--strict-moderation', 'treat the conversation as strictly moderated (overrides conversation.json)')
    .option('--no-strict-moderation', 'treat the conversation as not strictly moderated')
    .option('--seed <n>', 'seed of every random choice', integer, 0)
    .addOption(new Option('--mode <mode>', "'polis' (Polis's algorithm, history-dependent) or 'stable' (groups depend only on the votes and the seed)").choices(['polis', 'stable']).default('polis'))
    .addOption(new Option('--sign <sign>', "votes file sign: 'export' (agree = +1) or 'internal' (agree = -1)").choices(['export', 'internal']).default('export'))
    .option('--no-sign-check', 'skip comparing votes with the comments agree/disagree counts')
    .option('--threads <n>', 'threads for the largest steps (reading a big votes.csv, the PCA of over 4 M votes): 1 or 2; the results are the same (default: 2 on a machine with two cores)', threadCount)
    .option('--quiet', 'no progress messages on stderr');
}
