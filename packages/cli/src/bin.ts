#!/usr/bin/env node
import { main } from './main.js';

// exitCode (not exit()) so stdout is flushed before the process ends.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
