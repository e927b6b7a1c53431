export { main } from './main.js';
export { analyze } from './analyze.js';
export type { AnalyzeOptions } from './analyze.js';
export type { CliIo } from './cliIo.js';
export { CliError } from './cliError.js';
