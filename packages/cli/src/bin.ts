#!/usr/bin/env node
import { relaunchWithHugePages, wantsHugePages } from './hugePages.js';
import { prestartVotesPart } from './prestartVotesPart.js';

const argv = process.argv.slice(2);
const relaunched = wantsHugePages(argv, process.env) ? relaunchWithHugePages() : null;
if (relaunched !== null) process.exitCode = relaunched;
else {
  prestartVotesPart(argv);
  // Imported only here: a process that relaunches itself need not load the CLI (~0.1 s) first.
  void import('./main.js')
    .then(({ main }) => main(argv))
    .then((code) => {
      // exitCode (not exit()) so stdout is flushed before the process ends.
      process.exitCode = code;
    });
}
