import { CliError } from './cliError.js';

/**
 * A factory of empty DOM documents for server-side SVG (viz's `renderToString`), from jsdom.
 * Loaded on demand so the other commands start without it.
 */
export async function createDomDocument(): Promise<() => Document> {
  let jsdom: typeof import('jsdom');
  try {
    jsdom = await import('jsdom');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new CliError('--format html needs the jsdom package (npm install jsdom@29)');
  }
  return () => new jsdom.JSDOM('<!DOCTYPE html>').window.document;
}
