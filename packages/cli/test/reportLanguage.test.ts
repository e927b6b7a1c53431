import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { checkCatalogs } from '@kuulo/viz';
import { parseCsv } from '../../core/src/load/parseCsv.js';
import { cliCatalogs } from '../src/reportLanguage.js';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;
const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
// Stable mode with a bootstrap draws every section: uncertainty, bridging, robust cells.
const full = [`${below100}votes.json`, '--mode', 'stable', '--seed', '3', '--bootstrap', '8', '--format', 'html'];

async function reportIn(lang: string, args = full): Promise<Document> {
  const run = await runCli(['analyze', ...args, '--lang', lang]);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return new JSDOM(run.stdout).window.document;
}

/** The report's own words: everything but statement texts, file paths and command lines, and the charts (viz's). */
function interfaceText(doc: Document): string {
  const body = doc.body.cloneNode(true) as HTMLElement;
  for (const el of body.querySelectorAll('td.text, code, pre, svg')) el.remove();
  return `${doc.title}\n${body.textContent}`;
}

/** The literal English words of a message, placeholders and plural / select blocks left out. */
function literalChunks(message: string): string[] {
  let depth = 0;
  let out = '';
  for (const c of message) {
    if (c === '{') depth++;
    out += depth === 0 ? c : '\u0000';
    if (c === '}') depth--;
  }
  return out
    .split('\u0000')
    .map((s) => s.replace(/<\/?strong>/g, '').trim())
    .filter((s) => /\p{L}{3}/u.test(s));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('kuulo analyze --format html --lang', () => {
  it.each([
    ['fi', 'Yleiskuva', 'Yhteinen näkemys', 'Mielipideryhmät'],
    ['sv', 'Översikt', 'Samsyn', 'Åsiktsgrupper'],
  ])('writes the report in %s, with no English interface text', async (lang, overview, consensus, groupsCaption) => {
    const doc = await reportIn(lang);
    expect(doc.documentElement.getAttribute('lang')).toBe(lang);
    expect(doc.querySelector('#overview-title')!.textContent).toBe(overview);
    expect(doc.querySelector('#consensus-title')!.textContent).toBe(consensus);
    expect(doc.querySelector('table#groups caption')!.textContent).toBe(groupsCaption);
    for (const id of ['uncertainty', 'bridging', 'stability', 'bridging-table', 'options']) expect(doc.getElementById(id), id).not.toBeNull();

    const text = interfaceText(doc);
    const target = cliCatalogs[lang]!;
    const targetText = Object.values(target).join('\n');
    const english = Object.entries(cliCatalogs.en!)
      .filter(([key, message]) => target[key] !== message)
      .flatMap(([, message]) => literalChunks(message))
      // Words the translation shares (names, abbreviations such as "Kuulo" or "SHA-256") are not English leftovers.
      .filter((chunk) => !targetText.includes(chunk));
    expect(english.length).toBeGreaterThan(60);
    const leftovers = english.filter((chunk) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(chunk)}($|[^\\p{L}])`, 'u').test(text));
    expect(leftovers).toEqual([]);
    // Decimals and percentages in the language's style.
    expect(doc.querySelector('#overview')!.textContent).toMatch(/0,75/);
    expect(doc.querySelector('table#groups tbody')!.textContent).toMatch(/\d\u00a0%/);
  });

  it('puts --lang into the command line that reproduces the report', async () => {
    const doc = await reportIn('sv');
    expect(doc.querySelector('#method pre')!.textContent).toMatch(/ --format html --lang sv$/);
  });

  it('shows the translation into the report language from a Kuulo comments.csv, else the original marked with its language', async () => {
    const dir = scratch(brexit, ['votes.csv']);
    const { header, rows } = parseCsv(readFileSync(`${brexit}comments.csv`, 'utf8'), 'comments.csv');
    const idColumn = header.indexOf('comment-id');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const translations = { fi: 'Äänestin eron puolesta.', sv: 'Jag röstade för att lämna.' };
    const lines = [[...header, 'language', 'translations'].join(',')];
    for (const { fields } of rows) lines.push([...fields, 'en', fields[idColumn] === '0' ? JSON.stringify(translations) : ''].map(quote).join(','));
    writeFileSync(join(dir, 'comments.csv'), `${lines.join('\n')}\n`);
    const votes = join(dir, 'votes.csv');
    // The table shares its id with its section, so look it up by element.
    const cell = (doc: Document, id: string) => [...doc.querySelectorAll('table')].find((t) => t.id === 'statements')!.querySelector(`tr[data-statement="${id}"] td.text`)!;

    const fi = await reportIn('fi', [votes, '--format', 'html']);
    expect(cell(fi, '0').textContent).toBe(translations.fi);
    expect(cell(fi, '0').getAttribute('lang')).toBe('fi');
    expect(cell(fi, '1').getAttribute('lang')).toBe('en');
    expect(cell(fi, '1').textContent).not.toBe('');

    const sv = await reportIn('sv', [votes, '--format', 'html']);
    expect(cell(sv, '0').textContent).toBe(translations.sv);

    const en = await runCli(['analyze', votes, '--format', 'html']);
    const enDoc = new JSDOM(en.stdout).window.document;
    expect(cell(enDoc, '0').textContent).toBe('I voted to Leave.');
    expect(cell(enDoc, '0').getAttribute('lang')).toBe('en');

    // The CSV stays machine-readable: the original text, whatever the language.
    const out = join(dir, 'out');
    expect((await runCli(['analyze', votes, '--format', 'csv', '--out-dir', out])).code).toBe(0);
    expect(readFileSync(join(out, 'statements.csv'), 'utf8')).toContain('I voted to Leave.');
  });

  it('refuses a language it has no catalog for, naming the value and the choices', async () => {
    const run = await runCli(['analyze', `${below100}votes.json`, '--format', 'html', '--lang', 'de']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'de'");
    expect(run.stderr).toContain('en, fi, sv');
    expect(run.stdout).toBe('');
  });

  it('refuses --lang on the machine-readable formats', async () => {
    const run = await runCli(['analyze', `${below100}votes.json`, '--lang', 'fi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--lang sets the language of the HTML report');
  });

  it('has complete, valid catalogs', () => {
    expect(Object.keys(cliCatalogs).sort()).toEqual(['en', 'fi', 'sv']);
    expect(checkCatalogs(cliCatalogs)).toEqual([]);
  });
});
