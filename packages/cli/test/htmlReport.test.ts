import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { KuuloResult } from '@kuulo/core';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;
const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
const hostile = '<script>alert("owned")</script> & <img src=x onerror=alert(1)> see http://evil.example/x.png';

/** brexit-consensus with statement 0's text replaced by markup and a URL. */
function hostileFixture(): string {
  const dir = scratch(brexit, ['votes.csv']);
  const comments = readFileSync(`${brexit}comments.csv`, 'utf8').replace(/,0,0,(\d+,\d+,1),I voted to Leave\.$/m, `,0,0,$1,"${hostile.replace(/"/g, '""')}"`);
  expect(comments).toContain('evil.example');
  writeFileSync(join(dir, 'comments.csv'), comments);
  return dir;
}

async function report(args: string[]): Promise<{ html: string; doc: Document; result: KuuloResult }> {
  const html = await runCli(['analyze', ...args, '--format', 'html']);
  expect(html.stderr).toBe('');
  expect(html.code).toBe(0);
  const json = await runCli(['analyze', ...args]);
  return { html: html.stdout, doc: new JSDOM(html.stdout).window.document, result: JSON.parse(json.stdout) as KuuloResult };
}

const rowsOf = (doc: Document, id: string) => [...doc.querySelectorAll(`table#${id} > tbody > tr`)];

describe('kuulo analyze --format html', () => {
  it('shows every group and every statement of the result, texts escaped, nothing loaded from outside', async () => {
    const dir = hostileFixture();
    const { html, doc, result } = await report([join(dir, 'votes.csv')]);

    const groups = rowsOf(doc, 'groups');
    expect(groups.map((r) => Number(r.getAttribute('data-group')))).toEqual(result.groups.map((g) => g.id));
    expect(groups.map((r) => Number(r.children[2]!.textContent))).toEqual(result.groups.map((g) => g.size));
    for (const g of result.groups) {
      expect(rowsOf(doc, `repness-${g.id}`).map((r) => r.getAttribute('data-statement'))).toEqual(g.repness.map((e) => String(e.statement)));
    }
    const statements = rowsOf(doc, 'statements');
    expect(statements.map((r) => r.getAttribute('data-statement'))).toEqual(result.statements.map(String));
    expect(doc.querySelector('#overview')!.textContent).toContain(`Opinion groups${result.groups.length}`);

    // The hostile text shows literally in the statements table, and made no element.
    const row = statements.find((r) => r.getAttribute('data-statement') === '0')!;
    expect(row.children[1]!.textContent).toBe(hostile);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(');
    expect(doc.querySelectorAll('script, img, iframe, object, embed, link, base, audio, video, source')).toHaveLength(0);

    // No attribute or stylesheet points anywhere but inside the page.
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^(src|href|xlink:href|action|formaction|srcset|poster|data|background)$/i.test(attr.name)) expect(attr.value).toMatch(/^#/);
        expect(attr.name).not.toMatch(/^on/i);
      }
    }
    const css = [...doc.querySelectorAll('style')].map((s) => s.textContent).join('') + [...doc.querySelectorAll('[style]')].map((e) => e.getAttribute('style')).join('');
    expect(css).not.toMatch(/url\(|@import/i);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    // Charts are inline SVG, one per section.
    for (const section of ['map', 'groups', 'consensus', 'conflict']) expect(doc.querySelector(`#${section} svg`)).not.toBeNull();
  });

  it('records seed, options and replay protocol, and its command line reproduces the result', async () => {
    const args = [`${below100}votes.json`, '--replay', '--batches', '20', '--seed', '5'];
    const { doc, result } = await report(args);
    const method = doc.querySelector('#method')!;
    expect(method.textContent).toContain(`Seed${result.seed}`);
    expect(result.seed).toBe(5);
    expect(method.textContent).toContain(`${result.replay!.batchSize} votes per update, ${result.replay!.ticks} updates in all, ending with a restart tick`);
    const options = rowsOf(doc, 'options');
    expect(options.map((r) => r.getAttribute('data-option'))).toEqual(Object.keys(result.options).sort());
    expect(options.find((r) => r.getAttribute('data-option') === 'strictModeration')!.children[1]!.textContent).toBe('true');
    expect(doc.querySelector('#inputs')!.textContent).toMatch(/SHA-256 [0-9a-f]{64}/);

    const command = doc.querySelector('#method pre')!.textContent!.split(' ');
    expect(command.slice(0, 2)).toEqual(['kuulo', 'analyze']);
    const again = await runCli([...command.slice(1).filter((a, i, all) => a !== '--format' && all[i - 1] !== '--format'), '--format', 'kuulo']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(result);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await runCli(['analyze', `${below100}votes.json`, '--format', 'html']);
    const b = await runCli(['analyze', `${below100}votes.json`, '--format', 'html']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('--out-dir writes report.html', async () => {
    const dir = scratch(below100, []);
    const { code, stdout } = await runCli(['analyze', `${below100}votes.json`, '--format', 'html', '--out-dir', join(dir, 'out')]);
    expect([code, stdout]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });
});
