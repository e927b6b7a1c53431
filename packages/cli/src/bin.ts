#!/usr/bin/env node
import { relaunchWithHugePages, wantsHugePages } from './hugePages.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
const relaunched = wantsHugePages(argv, process.env) ? relaunchWithHugePages() : null;
if (relaunched !== null) process.exitCode = relaunched;
else {
  // exitCode (not exit()) so stdout is flushed before the process ends.
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}
