import type { KuuloResult } from '@kuulo/core';
import { bridgingChart, confidenceSummary, conflictChart, consensusChart, defaultStabilityThreshold, groupPanel, opinionMap, renderToString } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import { reportCss } from './reportCss.js';
import { consensusTables, groupsTable, optionsTable, repnessTable, statementsTable, swatch } from './reportTables.js';
import type { StatementRow } from './statementRows.js';
import { bridgingTable, uncertaintyBody } from './uncertaintyTables.js';

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
}

export interface HtmlReportOptions {
  /** Per-statement rows (texts, tallies), see `statementRows`. */
  rows: readonly StatementRow[];
  source: ReportSource;
  /** Makes the DOM the charts are drawn in, e.g. `() => new JSDOM('').window.document`. */
  createDocument: () => Document;
  /** Kuulo version written in the report. */
  version: string;
  /** Group-aware consensus statements listed. Default 5. */
  consensusCount?: number;
  /** Statements in the bridging chart and table (results with bridging scores). Default 10. */
  bridgingCount?: number;
}

/**
 * A self-contained HTML report of one result: overview numbers, the opinion map and charts as
 * inline SVG, group, consensus and statement tables, and the parameters, seed and replay protocol
 * that reproduce it. No scripts, no external requests, no timestamps: the same input gives the
 * same bytes. Statement texts are escaped everywhere.
 */
export function htmlReport(result: KuuloResult, options: HtmlReportOptions): string {
  const { rows, source } = options;
  const consensusCount = options.consensusCount ?? 5;
  const bridgingCount = options.bridgingCount ?? 10;
  const texts = new Map(rows.filter((r) => r.text !== null).map((r) => [String(r.statement), r.text!]));
  const statementText = (id: string | number) => texts.get(String(id));
  const rowsById = new Map(rows.map((r) => [String(r.statement), r]));
  // One document for every chart, so their element ids stay unique on the page.
  const document = options.createDocument();
  const svg = (draw: (d: Document) => SVGSVGElement) => renderToString(draw, { createDocument: () => document });
  const name = source.votesPath.split(/[\\/]/).pop() ?? source.votesPath;

  const u = result.uncertainty;
  const sections = [
    section('overview', 'Overview', overview(result, source) + groupsTable(result)),
    section(
      'map',
      'Opinion map',
      figure(
        svg((d) => opinionMap(result, { document: d, statementText, width: 760, height: 520 })),
        u ? 'Fainter dots are participants whose group changed in many bootstrap resamples; a dashed outline marks an unstable group.' : '',
      ),
    ),
    ...(u ? [section('uncertainty', 'How sure are the groups?', uncertaintyBody(result, u))] : []),
    section(
      'groups',
      'Opinion groups and their representative statements',
      figure(svg((d) => groupPanel(result, { document: d, statementText, width: 760 })), '') +
        result.groups.map((g) => `<h3 id="group-${g.id}">${swatch(g)}Group ${escapeHtml(g.label)} · ${g.size} participants</h3>${repnessTable(result, g, rowsById)}`).join(''),
    ),
    section(
      'consensus',
      'Common ground',
      figure(svg((d) => consensusChart(result, { document: d, statementText, width: 760, count: consensusCount })), '') + consensusTables(result, rowsById, consensusCount),
    ),
    ...(result.bridging
      ? [
          section(
            'bridging',
            'Bridging and group-aware consensus',
            figure(
              svg((d) => bridgingChart(result, { document: d, statementText, width: 760, count: bridgingCount })),
              'Group-aware consensus depends on the groups found; the bridging score (a one-factor model of the votes, Kuulo’s, in the manner of Community Notes) needs none and is high when people far apart on the map agree.',
            ) + bridgingTable(result, rows, bridgingCount),
          ),
        ]
      : []),
    section('conflict', 'Points of conflict', figure(svg((d) => conflictChart(result, { document: d, statementText, width: 760 })), 'Statements the groups disagree about most (range of net agreement between groups, a Kuulo measure; Polis has none).')),
    section('statements', 'All statements', statementsTable(result, rows)),
    section('method', 'Parameters and reproducibility', method(result, source, options.version)),
  ];
  const toc = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Belt and braces: even if a text slipped through, the page may load nothing from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="kuulo ${escapeHtml(options.version)}">`,
    `<title>Kuulo report: ${escapeHtml(name)}</title>`,
    `<style>${reportCss}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>Kuulo report: ${escapeHtml(name)}</h1>`,
    `<p class="lead">${result.groups.length} opinion groups among ${result.inConv.length} clustered participants, from ${source.votes} votes on ${result.statements.length} statements.</p>`,
    `<nav aria-label="Contents"><ol>${toc}</ol></nav>`,
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

function overview(result: KuuloResult, source: ReportSource): string {
  const numbers: [string, string | number][] = [
    ['Participants', result.participants.length],
    ['Clustered (in-conv)', result.inConv.length],
    ['Statements', result.statements.length],
    ['Moderated out', result.modOut.length],
    ['Meta', result.meta.length],
    ['Votes (rows)', source.votes],
    ['Opinion groups', result.groups.length],
    ['Best k this update', result.k.best],
    ['Updates (math tick)', result.tick],
    ['Last vote', result.lastVoteTime > 0 ? new Date(result.lastVoteTime).toISOString().slice(0, 16).replace('T', ' ') : '–'],
  ];
  const summary = confidenceSummary(result);
  if (result.uncertainty && summary) {
    const u = result.uncertainty;
    const unstable = u.groups.filter((g) => g.stability < defaultStabilityThreshold).length;
    numbers.push(
      ['Bootstrap resamples', u.resamples],
      ['Unstable groups (stability < 0.75)', `${unstable} of ${u.groups.length}`],
      [`Members with confidence ≥ 0.9 (${summary.confident} of ${summary.measured})`, summary.measured > 0 ? `${Math.round((100 * summary.confident) / summary.measured)}%` : '–'],
    );
  }
  return `<dl class="numbers">${numbers.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`;
}

function method(result: KuuloResult, source: ReportSource, version: string): string {
  const replay = result.replay;
  const protocol =
    replay === null
      ? 'All votes went into a single update, in Polis’s reload order (statement, participant, time), as Polis’s math worker reads a whole conversation.'
      : `The votes were replayed in time order, ${replay.batchMs > 0 ? `one update per ${replay.batchMs} ms window` : `${replay.batchSize} votes per update`}, ${replay.ticks} updates in all${replay.finalRestart ? ', ending with a restart tick that cold-starts the groups as Polis’s math worker does after a restart' : ', without a final restart tick'}. Polis’s groups depend on this history.`;
  const silhouettes = Object.entries(result.k.silhouettes)
    .map(([k, s]) => `k = ${escapeHtml(k)}: ${Number(s).toFixed(3)}`)
    .join(', ');
  const files: [string, string][] = [
    ['Votes', `${source.votesPath} (${source.bytes} bytes, SHA-256 ${source.sha256})`],
    ['Comments', source.commentsPath ?? 'none'],
    ['Conversation', source.conversationPath ?? 'none'],
  ];
  return [
    `<dl class="numbers"><div><dt>Seed</dt><dd>${result.seed}</dd></div><div><dt>Groups shown (k)</dt><dd>${result.k.chosen}</dd></div><div><dt>Kuulo</dt><dd>${escapeHtml(version)}</dd></div></dl>`,
    `<p>${escapeHtml(protocol)}</p>`,
    silhouettes ? `<p>Silhouette per k: ${silhouettes}.</p>` : '',
    result.uncertainty
      ? `<p>${escapeHtml(`Uncertainty: ${result.uncertainty.resamples} bootstrap resamples of ${result.uncertainty.unit}, seed ${result.uncertainty.seed}, robust at a support of ${result.uncertainty.robustThreshold} or more.`)}</p>`
      : '',
    `<table id="inputs"><caption>Input files</caption><tbody>${files.map(([k, v]) => `<tr><th scope="row">${k}</th><td><code>${escapeHtml(v)}</code></td></tr>`).join('')}</tbody></table>`,
    optionsTable(result),
    `<p>Reproduce with:</p><pre><code>${escapeHtml(reproduceCommand(result, source))}</code></pre>`,
  ].join('');
}

/** A `kuulo analyze` command line that gives the same result from the same files. */
export function reproduceCommand(result: KuuloResult, source: ReportSource): string {
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
  }
  args.push(`--seed ${result.seed}`);
  if (result.options.mode === 'stable') args.push('--mode stable');
  if (result.uncertainty) args.push(`--bootstrap ${result.uncertainty.resamples}`);
  args.push('--format html');
  return args.join(' ');
}
