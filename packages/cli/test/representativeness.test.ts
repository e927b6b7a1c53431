import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { KuuloResult, Representativeness } from '@kuulo/core';
import { cliCatalogs } from '../src/reportLanguage.js';
import { fixtures, runCli } from './runCli.js';

const meta25 = `${fixtures}polis-math-fixtures/25ptpt-3gp-no-strict-with-meta/`;

type WithSection = KuuloResult & { representativeness: Representativeness };

/**
 * A planted conversation: 60 participants of camp A (ids 0–59, from the north) and 20 of camp B
 * (ids 60–79, from the south), while the population is half north, half south: A is 3× over-represented.
 * On statements 0–4 A agrees and B disagrees, on 5–9 the other way round; participant p skips
 * statement p mod 10. So each statement has 54 A votes and 18 B votes: raw agree 75 % (or 25 %),
 * and 50 % once A's votes weigh a third of B's.
 */
function planted(): { dir: string; votes: string; answers: string; margins: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-cli-representativeness-'));
  const lines = ['timestamp,comment-id,voter-id,vote'];
  let t = 1_600_000_000_000;
  for (let s = 0; s < 10; s++) {
    for (let p = 0; p < 80; p++) {
      if (p % 10 === s) continue;
      const camp = p < 60 ? 1 : -1;
      lines.push(`${(t += 1000)},${s},${p},${s < 5 ? camp : -camp}`);
    }
  }
  const votes = join(dir, 'votes.csv');
  writeFileSync(votes, `${lines.join('\n')}\n`);
  // Questions: region (everyone), age (2 say "over 80", 3 give none), pet (3 answer, one with markup).
  const rows = ['participant,region,age,pet'];
  for (let p = 0; p < 80; p++) {
    const age = p < 2 ? 'over 80' : p < 5 ? '' : p % 2 === 0 ? 'under 40' : '40 to 80';
    const pet = p === 5 ? '"<b>cat</b>, of course"' : p === 6 || p === 7 ? 'dog' : '';
    rows.push(`${p},${p < 60 ? 'north' : 'south'},${age},${pet}`);
  }
  // Someone who answered but never voted: left out.
  rows.push('500,south,under 40,');
  const answers = join(dir, 'answers.csv');
  writeFileSync(answers, `${rows.join('\r\n')}\r\n`);
  const margins = join(dir, 'margins.csv');
  writeFileSync(margins, 'question,answer,share\nregion,north,50%\nregion,south,50 %\nincome,low,0.4\nincome,high,0.6\n');
  return { dir, votes, answers, margins };
}

async function analyzeJson(args: string[]): Promise<WithSection> {
  const run = await runCli(['analyze', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as WithSection;
}

describe('kuulo analyze --participant-answers --population', () => {
  it('weights the statement shares to the population: agree 75 % raw, 50 % weighted', async () => {
    const { votes, answers, margins } = planted();
    const result = await analyzeJson([votes, '--participant-answers', answers, '--population', margins]);
    const section = result.representativeness;
    expect(section.format).toBe('kuulo-representativeness@1');
    expect(section.floor).toBe(5);
    expect(section.clusteringWeighted).toBe(false);
    // The rest of the result is the plain result.
    const plain = await analyzeJson([votes]);
    expect({ ...result, representativeness: undefined }).toEqual({ ...plain, representativeness: undefined });

    expect(section.statements.map((s) => s.statement)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const s of section.statements) {
      const aAgrees = Number(s.statement) < 5;
      expect(s.n).toBe(72);
      expect(s.agree).toBeCloseTo(aAgrees ? 0.75 : 0.25, 10);
      expect(s.disagree).toBeCloseTo(aAgrees ? 0.25 : 0.75, 10);
      expect(s.agreeWeighted).toBeCloseTo(0.5, 6);
      expect(s.disagreeWeighted).toBeCloseTo(0.5, 6);
      expect(s.differs).toBe(true);
    }
    // The majority opinions hold raw, and none survives the weighting.
    expect(section.majority.agree.map(Number).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(section.majority.agreeWeighted).toEqual([]);

    const w = section.weights!;
    expect(w).toMatchObject({ method: 'raking', questions: ['region'], participants: 80, respondents: 80, converged: true });
    // Weights 2/3 (60×) and 2 (20×): Kish's 80·Σw²/(Σw)² = 80·(60·4/9 + 20·4)/80² = 4/3.
    expect(w.designEffect).toBeCloseTo(4 / 3, 6);
    expect(w.effectiveSampleSize).toBeCloseTo(60, 6);

    const region = section.questions.find((q) => q.question === 'region')!;
    expect(region.answered).toBe(80);
    expect(region.answers).toEqual([
      { answer: 'north', n: 60, share: 0.75, population: 0.5 },
      { answer: 'south', n: 20, share: 0.25, population: 0.5 },
    ]);
    // Answers in the margins file's order, then as first met; the 2 "over 80" withheld, and the next smallest with them.
    const age = section.questions.find((q) => q.question === 'age')!;
    expect(age.answered).toBe(77);
    expect(age.answers.map((a) => [a.answer, a.n])).toEqual([
      ['over 80', null],
      ['40 to 80', 38],
      ['under 40', null],
    ]);
    expect(section.questions.find((q) => q.question === 'pet')!.answered).toBeNull();
    expect(section.questions.map((q) => q.question)).toEqual(['region', 'age', 'pet']);
    expect(section.warnings).toEqual([{ question: 'income', message: 'population figures for a question that is not asked were left out' }]);

    // The groups are the camps, 3 : 1 raw and even once weighted.
    expect(section.groups.map((g) => g.n).sort((a, b) => a - b)).toEqual([20, 60]);
    for (const g of section.groups) {
      expect(g.share).toBe(g.n / 80);
      expect(g.shareWeighted).toBeCloseTo(0.5, 6);
      expect(g.differs).toBe(true);
    }
  });

  it('--format html shows "Who took part": withheld cells, weights, raw beside weighted, the clustering note', async () => {
    const { votes, answers, margins } = planted();
    const run = await runCli(['analyze', votes, '--participant-answers', answers, '--population', margins, '--format', 'html']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const doc = new JSDOM(run.stdout).window.document;
    const section = doc.getElementById('representativeness')!;
    expect(section).not.toBeNull();
    expect(doc.getElementById('representativeness-title')!.textContent).toBe('Who took part');
    expect([...doc.querySelectorAll('nav a')].map((a) => a.textContent)).toContain('Who took part');

    const question = (name: string) => section.querySelector(`table[data-question="${name}"]`)!;
    const cells = (name: string, answer: string) => [...question(name).querySelectorAll(`tr[data-answer="${answer}"] > *`)].map((c) => c.textContent);
    // answer | participants | share | population share | per group.
    expect(cells('region', 'north').slice(0, 4)).toEqual(['north', '60', '75%', '50%']);
    expect(cells('age', 'over 80').slice(0, 4)).toEqual(['over 80', 'withheld', 'withheld', '–']);
    expect(cells('age', '40 to 80').slice(0, 3)).toEqual(['40 to 80', '38', '49%']);
    expect(cells('age', 'under 40').slice(0, 3)).toEqual(['under 40', 'withheld', 'withheld']);
    expect(question('age').querySelector('caption')!.textContent).toBe('age · 77 answered');
    expect(question('pet').querySelector('caption')!.textContent).toBe('pet · fewer than 5 answered');
    expect(section.textContent).toContain('No figure in this section describes fewer than 5 participants.');
    // The answer's markup is text.
    expect(cells('pet', '<b>cat</b>, of course')[0]).toBe('<b>cat</b>, of course');
    expect(section.querySelector('b')).toBeNull();
    expect(run.stdout).toContain('&lt;b&gt;cat&lt;/b&gt;, of course');

    const weights = section.querySelector('dl')!.textContent!;
    expect(weights).toContain('raking (iterative proportional fitting)');
    expect(weights).toContain('Questions weightedregion');
    expect(weights).toContain('Design effect (Kish)1.33');
    expect(weights).toContain('Effective sample size60.0');
    expect(weights).toMatch(/Convergedyes, in (1 iteration|\d+ iterations)$/);

    const statements = [...section.querySelectorAll('table#representativeness-statements > tbody > tr')];
    expect(statements).toHaveLength(10);
    const first = [...statements[0]!.children].map((c) => c.textContent);
    // Id | statement | votes cast | agree | agree weighted | disagree | disagree weighted | differs.
    expect(first).toEqual(['0', 'Statement 0', '72', '75%', '50%', '25%', '50%', 'differs']);
    expect(statements.every((r) => r.getAttribute('data-differs') === 'true')).toBe(true);
    expect(section.querySelector('table#representativeness-groups')).not.toBeNull();
    const majority = [...section.querySelectorAll('table#representativeness-majority > tbody > tr')];
    expect(majority.map((r) => r.lastElementChild!.textContent)).toEqual(Array(10).fill('unweighted only'));

    expect(section.querySelector('.clustering-note')!.textContent).toMatch(/^Clustering is unweighted/);
    expect(section.querySelector('ul.warnings')!.textContent).toBe('income: population figures for a question that is not asked were left out');

    // The input files and the command line that reproduces the report.
    expect(doc.querySelector('table#inputs')!.textContent).toContain(answers);
    expect(doc.querySelector('#method pre')!.textContent).toContain(`--participant-answers ${answers} --population ${margins} --format html`);
  });

  it('--privacy-floor raises the floor', async () => {
    const { votes, answers } = planted();
    const result = await analyzeJson([votes, '--participant-answers', answers, '--privacy-floor', '39']);
    const age = result.representativeness.questions.find((q) => q.question === 'age')!;
    expect(result.representativeness.floor).toBe(39);
    expect(age.answers.map((a) => a.n)).toEqual([null, null, null]);
    expect(result.representativeness.weights).toBeNull();
    expect(result.representativeness.statements.every((s) => s.agreeWeighted === null)).toBe(true);
  });

  it('--format csv writes representativeness.csv beside the two tables', async () => {
    const { dir, votes, answers, margins } = planted();
    const out = join(dir, 'tables');
    const run = await runCli(['analyze', votes, '--participant-answers', answers, '--population', margins, '--format', 'csv', '--out-dir', out]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const lines = readFileSync(join(out, 'representativeness.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('statement,n,agree,agree-weighted,disagree,disagree-weighted,differs');
    expect(lines).toHaveLength(11);
    const [statement, n, agree, agreeWeighted, disagree, disagreeWeighted, differs] = lines[1]!.split(',').map(Number);
    expect([statement, n, agree, disagree, differs]).toEqual([0, 72, 0.75, 0.25, 1]);
    expect(agreeWeighted).toBeCloseTo(0.5, 6);
    expect(disagreeWeighted).toBeCloseTo(0.5, 6);
    expect(readFileSync(join(out, 'statements.csv'), 'utf8')).toMatch(/^statement,text,/);
  });

  it('works after --replay too, from the same votes', async () => {
    const { votes, answers, margins } = planted();
    const result = await analyzeJson([votes, '--replay', '--batches', '5', '--participant-answers', answers, '--population', margins]);
    expect(result.replay).not.toBeNull();
    for (const s of result.representativeness.statements) {
      expect(s.n).toBe(72);
      expect(s.agreeWeighted).toBeCloseTo(0.5, 6);
    }
  });

  it('writes the section in Finnish and Swedish, with no English left in it', async () => {
    const { votes, answers, margins } = planted();
    for (const [lang, title, fewer] of [
      ['fi', 'Keitä osallistujat olivat', 'pet · vastanneita alle 5'],
      ['sv', 'Vilka deltog', 'pet · färre än 5 svarade'],
    ] as const) {
      const run = await runCli(['analyze', votes, '--participant-answers', answers, '--population', margins, '--format', 'html', '--lang', lang]);
      expect([run.code, run.stderr]).toEqual([0, '']);
      const doc = new JSDOM(run.stdout).window.document;
      expect(doc.getElementById('representativeness-title')!.textContent).toBe(title);
      const section = doc.getElementById('representativeness')!.cloneNode(true) as HTMLElement;
      expect(section.querySelector('table[data-question="pet"] caption')!.textContent).toBe(fewer);
      for (const el of section.querySelectorAll('td.text, code, th[scope="row"]')) el.remove();
      const text = section.textContent!;
      const target = cliCatalogs[lang]!;
      const english = Object.entries(cliCatalogs.en!)
        .filter(([key, message]) => /^cli\.(representativeness|weights|warning|column)\./.test(key) && target[key] !== message)
        .flatMap(([, message]) => message.split(/\{[^{}]*\}|[{}]/))
        .map((chunk) => chunk.trim())
        .filter((chunk) => /\p{L}{4}/u.test(chunk) && !Object.values(target).join('\n').includes(chunk));
      expect(english.length).toBeGreaterThan(30);
      expect(english.filter((chunk) => text.includes(chunk))).toEqual([]);
    }
  });
});

describe('kuulo analyze --meta-questions', () => {
  it("asks each meta statement of a real Polis export as a question, answered by participants' votes", async () => {
    const result = await analyzeJson([`${meta25}votes.json`, '--meta-questions']);
    const section = result.representativeness;
    expect(result.meta.length).toBeGreaterThan(0);
    expect(section.questions.map((q) => q.question)).toEqual(result.meta.map((s) => `meta:${s}`));
    // The answers are the latest agree / disagree vote on the statement (votes.json's sign: agree = 1).
    const votes = JSON.parse(readFileSync(`${meta25}votes.json`, 'utf8')) as { participant_id: number; statement_id: number; vote: number; modified: number }[];
    const latest = new Map<string, { vote: number; modified: number }>();
    for (const v of votes) {
      const key = `${v.participant_id}/${v.statement_id}`;
      if ((latest.get(key)?.modified ?? -Infinity) <= v.modified) latest.set(key, v);
    }
    for (const q of section.questions) {
      const statement = q.question.slice('meta:'.length);
      const cast = [...latest].filter(([key]) => key.endsWith(`/${statement}`)).map(([, v]) => v.vote);
      const agree = cast.filter((v) => v === 1).length;
      const disagree = cast.filter((v) => v === -1).length;
      expect(q.answers.map((a) => a.answer)).toEqual(['agree', 'disagree']);
      if (agree + disagree < 5) expect(q.answered).toBeNull();
      else {
        expect(q.answered).toBe(agree + disagree);
        expect(q.answers.map((a) => a.n)).toEqual([agree, disagree].map((n) => (n > 0 && n < 5 ? null : n)).map((n, i, all) => (all.filter((x) => x === null).length === 1 && n !== null && n > 0 ? null : n)));
      }
    }
    // Meta statements are questions, not statements of the section.
    const meta = new Set(result.meta.map(String));
    expect(section.statements.some((s) => meta.has(String(s.statement)))).toBe(false);
    expect(section.weights).toBeNull();
  });

  it('weights by a meta question with --population, beside --participant-answers, and names it in the report', async () => {
    const plain = await analyzeJson([`${meta25}votes.json`, '--meta-questions']);
    const asked = plain.representativeness.questions.find((q) => q.answered !== null && q.answers.every((a) => a.n !== null && a.n > 0))!;
    expect(asked).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'kuulo-cli-meta-'));
    const margins = join(dir, 'margins.csv');
    writeFileSync(margins, `question,answer,share\n${asked.question},agree,0.5\n${asked.question},disagree,0.5\n`);
    const answers = join(dir, 'answers.csv');
    writeFileSync(answers, `participant,team\n${plain.participants.map((p, i) => `${p},${i % 2 ? 'red' : 'blue'}`).join('\n')}\n`);
    const args = [`${meta25}votes.json`, '--meta-questions', '--participant-answers', answers, '--population', margins];
    const result = await analyzeJson(args);
    const section = result.representativeness;
    expect(section.questions.map((q) => q.question)).toEqual(['team', ...plain.representativeness.questions.map((q) => q.question)]);
    expect(section.weights!.questions).toEqual([asked.question]);

    const html = await runCli(['analyze', ...args, '--format', 'html']);
    expect([html.code, html.stderr]).toEqual([0, '']);
    const doc = new JSDOM(html.stdout).window.document;
    const id = asked.question.slice('meta:'.length);
    const caption = doc.querySelector(`table[data-question="${asked.question}"] caption`)!.textContent!;
    const comments = JSON.parse(readFileSync(`${meta25}comments.json`, 'utf8')) as { statement_id: number; txt: string }[];
    expect(caption.startsWith(`Meta statement ${id}: ${comments.find((c) => String(c.statement_id) === id)!.txt} · `)).toBe(true);
    expect(doc.querySelector(`table[data-question="${asked.question}"] tr[data-answer="agree"] th`)!.textContent).toBe('agree');
    expect(doc.querySelector('#method pre')!.textContent).toContain('--meta-questions');
  });
});

describe('kuulo analyze representativeness errors', () => {
  const fail = async (args: string[]) => {
    const run = await runCli(['analyze', ...args]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    return run.stderr;
  };

  it('names the file, line and value of a bad share', async () => {
    const { dir, votes, answers } = planted();
    const margins = join(dir, 'bad.csv');
    writeFileSync(margins, 'question,answer,share\nregion,north,0.5\nregion,south,half\n');
    expect(await fail([votes, '--participant-answers', answers, '--population', margins])).toBe(
      `kuulo: ${margins} line 3, field "share": expected a fraction from 0 to 1 or a percentage from 0% to 100%, got "half"\n`,
    );
    writeFileSync(margins, 'question,answer,share\nregion,north,150%\n');
    expect(await fail([votes, '--participant-answers', answers, '--population', margins])).toContain(`${margins} line 2, field "share"`);
    writeFileSync(margins, 'question,answer,share\nregion,north,0.5\nregion,south,0.3\n');
    expect(await fail([votes, '--participant-answers', answers, '--population', margins])).toBe(
      `kuulo: ${margins} lines 2, 3: the shares of question "region" sum to 0.8 (80%), not 1 (100%)\n`,
    );
    writeFileSync(margins, 'question,answer,proportion\nregion,north,0.5\n');
    expect(await fail([votes, '--participant-answers', answers, '--population', margins])).toBe(
      `kuulo: ${margins} line 1: expected the columns question, answer and share, missing share\n`,
    );
  });

  it('names the file, line and value of a bad participant id or row', async () => {
    const { dir, votes } = planted();
    const answers = join(dir, 'bad-answers.csv');
    writeFileSync(answers, 'participant,region\n1,north\nx7,south\n');
    expect(await fail([votes, '--participant-answers', answers])).toBe(
      `kuulo: ${answers} line 3, field "participant": expected an integer participant id as in the votes file, got "x7"\n`,
    );
    writeFileSync(answers, 'participant,region\n1,north\n2,south,extra\n');
    expect(await fail([votes, '--participant-answers', answers])).toBe(`kuulo: ${answers} line 3: expected 2 fields as in the header, got 3\n`);
    writeFileSync(answers, 'participant,region\n1,north\n1,south\n');
    expect(await fail([votes, '--participant-answers', answers])).toBe(`kuulo: ${answers} line 3: participant 1 already has a row (line 2)\n`);
  });

  it('names a missing file', async () => {
    const { dir, votes, answers } = planted();
    const missing = join(dir, 'nowhere.csv');
    expect(await fail([votes, '--participant-answers', missing])).toBe(`kuulo: ${missing}: no such file\n`);
    expect(await fail([votes, '--participant-answers', answers, '--population', missing])).toBe(`kuulo: ${missing}: no such file\n`);
  });

  it('refuses --population without answers, --privacy-floor alone, and the sections with --format polis', async () => {
    const { votes, answers, margins } = planted();
    expect(await fail([votes, '--population', margins])).toContain('--population');
    expect(await fail([votes, '--population', margins])).toContain('add --participant-answers <csv> or --meta-questions');
    expect(await fail([votes, '--privacy-floor', '7'])).toContain('--privacy-floor sets the floor of the representativeness section');
    expect(await fail([votes, '--participant-answers', answers, '--format', 'polis'])).toBe(
      "kuulo: --participant-answers adds a representativeness section, which Polis's math JSON has no place for: use --format kuulo, html or csv\n",
    );
    expect(await fail([votes, '--meta-questions', '--format', 'polis'])).toContain("Polis's math JSON has no place for");
    expect(await fail([votes, '--meta-questions'])).toBe(
      'kuulo: --meta-questions asks the meta statements, and there are none (no comments file was found or given): give --comments <file> or --participant-answers <csv>\n',
    );
    expect(await fail([votes, '--participant-answers', answers, '--privacy-floor', '1'])).toContain('expected an integer from 2 to 100');
  });
});
