import { defaultPrivacyFloor, type KuuloResult, type Representativeness } from '@kuulo/core';
import { bridgingChart, confidenceSummary, conflictChart, consensusChart, defaultStabilityThreshold, groupPanel, opinionMap, renderToString } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import { reportCss } from './reportCss.js';
import { reportLocale, type ReportLocale } from './reportLanguage.js';
import { representativenessBody } from './representativenessSection.js';
import { consensusTables, groupsTable, optionsTable, repnessTable, statementsTable, swatch } from './reportTables.js';
import { rowsInLanguage, type StatementRow } from './statementRows.js';
import { bridgingTable, confidentLevel, uncertaintyBody } from './uncertaintyTables.js';

/** The input files behind a report, for the reproducibility section. */
export interface ReportSource {
  votesPath: string;
  /** Vote rows in the votes file. */
  votes: number;
  bytes: number;
  /** SHA-256 of the votes file, hex. */
  sha256: string;
  commentsPath: string | null;
  conversationPath: string | null;
  /** Sign convention the votes file was read with. */
  sign: 'export' | 'internal';
  /** The participant answers file (`--participant-answers`), when given. */
  participantAnswers?: InputFile | null;
  /** The population shares file (`--population`), when given. */
  population?: InputFile | null;
  /** `--meta-questions` was given. */
  metaQuestions?: boolean;
}

/** A further input file: path, size and SHA-256 (hex). */
export interface InputFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface HtmlReportOptions {
  /** Per-statement rows (texts, tallies), see `statementRows`. */
  rows: readonly StatementRow[];
  source: ReportSource;
  /** Makes the DOM the charts are drawn in, e.g. `() => new JSDOM('').window.document`. */
  createDocument: () => Document;
  /** Kuulo version written in the report. */
  version: string;
  /** Language of the report's texts and charts: `en` (default), `fi` or `sv`. */
  lang?: string;
  /** Group-aware consensus statements listed. Default 5. */
  consensusCount?: number;
  /** Statements in the bridging chart and table (results with bridging scores). Default 10. */
  bridgingCount?: number;
  /** Core's `representativeness` of the result: adds the "Who took part" section. */
  representativeness?: Representativeness;
}

/**
 * A self-contained HTML report of one result: overview numbers, the opinion map and charts as
 * inline SVG, group, consensus and statement tables, and the parameters, seed and replay protocol
 * that reproduce it, in the language `lang`; statements show their translation into it when the
 * comments file has one. No scripts, no external requests, no timestamps: the same input gives
 * the same bytes. Statement texts are escaped everywhere.
 */
export function htmlReport(result: KuuloResult, options: HtmlReportOptions): string {
  const { source } = options;
  const r = reportLocale(options.lang);
  const rows = rowsInLanguage(options.rows, r.lang);
  const consensusCount = options.consensusCount ?? 5;
  const bridgingCount = options.bridgingCount ?? 10;
  const texts = new Map(rows.filter((row) => row.text !== null).map((row) => [String(row.statement), row.text!]));
  const statementText = (id: string | number) => texts.get(String(id));
  const rowsById = new Map(rows.map((row) => [String(row.statement), row]));
  // One document for every chart, so their element ids stay unique on the page.
  const document = options.createDocument();
  const svg = (draw: (d: Document) => SVGSVGElement) => renderToString(draw, { createDocument: () => document });
  // Spread rather than written out, so the option type-checks against viz versions with and without it.
  const chart = { statementText, width: 760, ...{ locale: r.lang } };
  const name = source.votesPath.split(/[\\/]/).pop() ?? source.votesPath;

  const u = result.uncertainty;
  const sections = [
    section('overview', r.t('cli.section.overview'), overview(result, source, r) + groupsTable(result, r)),
    section('map', r.t('cli.section.map'), figure(svg((d) => opinionMap(result, { ...chart, document: d, height: 520 })), u ? r.t('cli.map.note') : '')),
    ...(u ? [section('uncertainty', r.t('cli.section.uncertainty'), uncertaintyBody(result, u, r))] : []),
    section(
      'groups',
      r.t('cli.section.groups'),
      figure(svg((d) => groupPanel(result, { ...chart, document: d })), '') +
        result.groups
          .map((g) => `<h3 id="group-${g.id}">${swatch(g)}${r.h('cli.groups.heading', { label: g.label, count: g.size, size: r.int(g.size) })}</h3>${repnessTable(result, g, rowsById, r)}`)
          .join(''),
    ),
    section(
      'consensus',
      r.t('cli.section.consensus'),
      figure(svg((d) => consensusChart(result, { ...chart, document: d, count: consensusCount })), '') + consensusTables(result, rowsById, consensusCount, r),
    ),
    ...(options.representativeness
      ? [section('representativeness', r.t('cli.section.representativeness'), representativenessBody(options.representativeness, result, rowsById, r))]
      : []),
    ...(result.bridging
      ? [
          section(
            'bridging',
            r.t('cli.section.bridging'),
            figure(svg((d) => bridgingChart(result, { ...chart, document: d, count: bridgingCount })), r.t('cli.bridging.note')) + bridgingTable(result, rows, bridgingCount, r),
          ),
        ]
      : []),
    section('conflict', r.t('cli.section.conflict'), figure(svg((d) => conflictChart(result, { ...chart, document: d })), r.t('cli.conflict.note'))),
    section('statements', r.t('cli.section.statements'), statementsTable(result, rows, r)),
    section('method', r.t('cli.section.method'), method(result, source, options.version, r, options.representativeness?.floor)),
  ];
  const toc = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const title = r.h('cli.report.title', { name });
  const lead = r.h('cli.report.lead', {
    groupCount: result.groups.length,
    groups: r.int(result.groups.length),
    clusteredCount: result.inConv.length,
    clustered: r.int(result.inConv.length),
    voteCount: source.votes,
    votes: r.int(source.votes),
    statementCount: result.statements.length,
    statements: r.int(result.statements.length),
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(r.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even if a text slipped through, the page may load nothing from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="kuulo ${escapeHtml(options.version)}">`,
    `<title>${title}</title>`,
    `<style>${reportCss}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
    `<p class="lead">${lead}</p>`,
    `<nav aria-label="${r.h('cli.report.contents')}"><ol>${toc}</ol></nav>`,
    ...sections.map((s) => s.html),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(id: string, title: string, body: string): { id: string; title: string; html: string } {
  return { id, title, html: `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${body}</section>` };
}

function figure(svgText: string, caption: string): string {
  return `<figure>${svgText}${caption ? `<figcaption class="muted">${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}

function overview(result: KuuloResult, source: ReportSource, r: ReportLocale): string {
  const numbers: [string, string][] = [
    [r.t('cli.overview.participants'), r.int(result.participants.length)],
    [r.t('cli.overview.clustered'), r.int(result.inConv.length)],
    [r.t('cli.overview.statements'), r.int(result.statements.length)],
    [r.t('cli.overview.moderatedOut'), r.int(result.modOut.length)],
    [r.t('cli.overview.meta'), r.int(result.meta.length)],
    [r.t('cli.overview.votes'), r.int(source.votes)],
    [r.t('cli.common.opinionGroups'), r.int(result.groups.length)],
    [r.t('cli.overview.bestK'), r.int(result.k.best)],
    [r.t('cli.overview.ticks'), r.int(result.tick)],
    [r.t('cli.overview.lastVote'), result.lastVoteTime > 0 ? r.minute(result.lastVoteTime) : '–'],
  ];
  const summary = confidenceSummary(result);
  if (result.uncertainty && summary) {
    const u = result.uncertainty;
    const unstable = u.groups.filter((g) => g.stability < defaultStabilityThreshold).length;
    numbers.push(
      [r.t('cli.overview.resamples'), r.int(u.resamples)],
      [r.t('cli.overview.unstableGroups', { threshold: r.number(defaultStabilityThreshold) }), r.t('cli.common.partOf', { part: r.int(unstable), whole: r.int(u.groups.length) })],
      [
        r.t('cli.common.confidentMembersOf', { level: r.number(confidentLevel), confident: r.int(summary.confident), measured: r.int(summary.measured) }),
        r.percentOf(summary.confident, summary.measured),
      ],
    );
  }
  return `<dl class="numbers">${numbers.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`;
}

function method(result: KuuloResult, source: ReportSource, version: string, r: ReportLocale, floor?: number): string {
  const replay = result.replay;
  const protocol =
    replay === null
      ? r.t('cli.method.protocolSingle')
      : r.t('cli.method.protocolReplay', {
          window: replay.batchMs > 0 ? 'ms' : 'votes',
          batchMs: r.number(replay.batchMs),
          batchCount: replay.batchSize,
          batchSize: r.int(replay.batchSize),
          tickCount: replay.ticks,
          ticks: r.int(replay.ticks),
          restart: replay.finalRestart ? 'yes' : 'no',
        }) + (replay.polisEra ? ` ${r.t('cli.method.protocolPolisEra', { rules: Object.keys(replay.polisEra.ruleTicks).join(', ') || '–' })}` : '');
  // Joined with commas, not the language's "and": a list of formula values.
  const silhouettes = Object.entries(result.k.silhouettes)
    .map(([k, s]) => r.t('cli.method.silhouette', { k, value: r.fixed(Number(s)) }))
    .join(', ');
  const files: [string, string][] = [
    [r.t('cli.method.votesFile'), r.t('cli.method.fileDetails', { path: source.votesPath, bytes: r.int(source.bytes), sha256: source.sha256 })],
    [r.t('cli.method.commentsFile'), source.commentsPath ?? r.t('cli.method.noFile')],
    [r.t('cli.method.conversationFile'), source.conversationPath ?? r.t('cli.method.noFile')],
  ];
  const further: [string, InputFile | null | undefined][] = [
    [r.t('cli.method.answersFile'), source.participantAnswers],
    [r.t('cli.method.populationFile'), source.population],
  ];
  for (const [name, file] of further) if (file) files.push([name, r.t('cli.method.fileDetails', { path: file.path, bytes: r.int(file.bytes), sha256: file.sha256 })]);
  const numbers: [string, string][] = [
    [r.t('cli.method.seed'), r.int(result.seed)],
    [r.t('cli.method.groupsShown'), r.int(result.k.chosen)],
    [r.t('cli.method.version'), version],
  ];
  return [
    `<dl class="numbers">${numbers.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`,
    `<p>${escapeHtml(protocol)}</p>`,
    silhouettes ? `<p>${r.h('cli.method.silhouettes', { list: silhouettes })}</p>` : '',
    result.uncertainty
      ? `<p>${r.h('cli.method.uncertainty', { resamples: r.int(result.uncertainty.resamples), unit: result.uncertainty.unit, seed: r.int(result.uncertainty.seed), threshold: r.number(result.uncertainty.robustThreshold) })}</p>`
      : '',
    `<table id="inputs"><caption>${r.h('cli.method.inputFiles')}</caption><tbody>${files.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(v)}</code></td></tr>`).join('')}</tbody></table>`,
    optionsTable(result, r),
    `<p>${r.h('cli.method.reproduce')}</p><pre><code>${escapeHtml(reproduceCommand(result, source, r.lang, floor))}</code></pre>`,
  ].join('');
}

/** A `kuulo analyze` command line that gives the same result from the same files; `floor` is the representativeness section's. */
export function reproduceCommand(result: KuuloResult, source: ReportSource, lang = 'en', floor?: number): string {
  const quote = (s: string) => (/^[\w./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const args = ['kuulo', 'analyze', quote(source.votesPath)];
  args.push(source.commentsPath === null ? '--no-comments' : `--comments ${quote(source.commentsPath)}`);
  args.push(source.conversationPath === null ? '--no-conversation' : `--conversation ${quote(source.conversationPath)}`);
  if (source.sign === 'internal') args.push('--sign internal');
  args.push(result.options.strictModeration ? '--strict-moderation' : '--no-strict-moderation');
  const replay = result.replay;
  if (replay !== null) {
    args.push('--replay', replay.batchMs > 0 ? `--batch-ms ${replay.batchMs}` : `--batch-size ${replay.batchSize}`);
    if (!replay.finalRestart) args.push('--no-final-restart');
    if (replay.polisEra?.era === 'auto') args.push('--polis-era auto');
  }
  args.push(`--seed ${result.seed}`);
  if (result.options.mode === 'stable') args.push('--mode stable');
  if (result.uncertainty) args.push(`--bootstrap ${result.uncertainty.resamples}`);
  if (source.participantAnswers) args.push(`--participant-answers ${quote(source.participantAnswers.path)}`);
  if (source.population) args.push(`--population ${quote(source.population.path)}`);
  if (source.metaQuestions) args.push('--meta-questions');
  if (floor !== undefined && floor !== defaultPrivacyFloor) args.push(`--privacy-floor ${floor}`);
  args.push('--format html');
  if (lang !== 'en') args.push(`--lang ${quote(lang)}`);
  return args.join(' ');
}
