import { axisBottom, max, scaleLinear, scaleTime, select } from 'd3';
import { setDataTable, setTitleAndDesc } from './accessibility';
import { chartId } from './chartId';
import { clearChart, createSvg } from './createSvg';
import { resolveDocument } from './resolveDocument';
import { round } from './round';
import { textWidth } from './wrapText';

/** Activity in one span of time, as GET /conversations/:id/activity gives it. */
export interface ActivitySpan {
  /** Start, ms since the epoch. */
  start: number;
  /** End (exclusive), ms since the epoch. */
  end: number;
  participants: number;
  votes: number;
  statements: number;
}

/** The three rows of the chart, top to bottom. */
const series = ['participants', 'votes', 'statements'] as const;
/** One of the chart's rows: participants, votes or statements. */
export type ActivitySeries = (typeof series)[number];

/** Options of `activityChart`; each states its default. */
export interface ActivityChartOptions {
  /** Document to build in. Default the global document. */
  document?: Document;
  /** Width in px. Default 640. */
  width?: number;
  /** Language of the texts, set on the chart. Default 'en'. */
  lang?: string;
  /** Chart title (read first by screen readers). Required. */
  title: string;
  /** One sentence saying what the chart shows. Required. */
  description: string;
  /** Each row's name. Required. */
  labels: Record<ActivitySeries, string>;
  /** Caption of the data table and the name of its time column. Required. */
  table: { caption: string; time: string };
  /** A span's time as text for the table. Default its start and end in ISO 8601. */
  formatSpan?: (span: ActivitySpan) => string;
  /** An axis tick's text. Default the date in `lang` (hours and minutes when the domain is under two days). */
  formatTick?: (date: Date) => string;
  /** Redraw this chart instead of making a new one. */
  target?: SVGSVGElement;
}

const rowHeight = 64;
const rowGap = 14;
const margin = { top: 8, right: 12, bottom: 28, left: 12 };

/**
 * Activity over time as three small multiples sharing a time axis: participants, votes and statements
 * per span, each bar as wide as its span (a span merged under the privacy floor is a wide, low bar),
 * each row on its own scale with its largest value written beside its name. The data table carries every span.
 */
export function activityChart(spans: readonly ActivitySpan[], options: ActivityChartOptions): SVGSVGElement {
  const document = resolveDocument(options.document, 'activityChart');
  const width = options.width ?? 640;
  if (!(width >= 120)) throw new Error(`activityChart: options.width must be at least 120, got ${String(width)}`);
  for (const span of spans) {
    if (!(span.end > span.start)) throw new Error(`activityChart: a span must end after it starts, got start ${span.start} end ${span.end}`);
  }
  const lang = options.lang ?? 'en';
  const height = margin.top + series.length * (rowHeight + rowGap) + margin.bottom;
  const svg = createSvg(document, width, height, 'kuulo-activity-chart', lang, options.target);
  if (options.target) clearChart(svg);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, 'activity');
  svg.setAttribute('data-chart-id', id);
  setTitleAndDesc(svg, id, options.title, options.description);

  const first = spans.length > 0 ? Math.min(...spans.map((s) => s.start)) : 0;
  const last = spans.length > 0 ? Math.max(...spans.map((s) => s.end)) : 1;
  const x = scaleTime().domain([first, last]).range([margin.left, width - margin.right]);
  const short = last - first < 2 * 86_400_000;
  const tickFormat =
    options.formatTick ?? ((date: Date) => new Intl.DateTimeFormat(lang, short ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'numeric' }).format(date));
  const root = select(svg).append('g').attr('class', 'kuulo-body');
  series.forEach((name, row) => {
    const top = margin.top + row * (rowHeight + rowGap);
    const highest = max(spans, (s) => s[name]) ?? 0;
    const y = scaleLinear().domain([0, Math.max(1, highest)]).range([top + rowHeight, top + 18]);
    const g = root.append('g').attr('class', `kuulo-activity-row kuulo-activity-${name}`);
    g.append('text').attr('x', margin.left).attr('y', top + 12).attr('font-weight', 700).attr('fill', '#111111').text(options.labels[name]);
    g.append('text').attr('x', width - margin.right).attr('y', top + 12).attr('text-anchor', 'end').attr('fill', '#555555').text(highest.toLocaleString(lang));
    g.append('line').attr('x1', margin.left).attr('x2', width - margin.right).attr('y1', top + rowHeight).attr('y2', top + rowHeight).attr('stroke', '#8a94a6');
    g.selectAll('rect')
      .data(spans)
      .join('rect')
      .attr('class', 'kuulo-activity-bar')
      .attr('x', (s) => round(x(s.start)))
      // At least a hair wide, so an hour among months still shows.
      .attr('width', (s) => round(Math.max(1.5, x(s.end) - x(s.start) - 1)))
      .attr('y', (s) => round(y(s[name])))
      .attr('height', (s) => round(top + rowHeight - y(s[name])))
      .attr('fill', '#1f5fa8');
  });
  const axis = root.append('g').attr('class', 'kuulo-activity-axis').attr('transform', `translate(0,${height - margin.bottom})`);
  axis.call(
    axisBottom(x)
      .ticks(Math.max(2, Math.floor(width / 110)))
      .tickFormat((d) => tickFormat(d as Date)),
  );
  axis.selectAll('text').attr('font-size', 11).attr('fill', '#333333');
  // A tick label centred near an edge would run outside the chart: anchor it inside instead.
  axis.selectAll<SVGGElement, Date>('g.tick').each(function (d) {
    const label = select(this).select('text');
    const half = textWidth(label.text(), 11) / 2;
    if (x(d) - half < 0) label.attr('text-anchor', 'start').attr('x', -Math.min(x(d), 3));
    else if (x(d) + half > width) label.attr('text-anchor', 'end').attr('x', Math.min(width - x(d), 3));
  });
  axis.attr('aria-hidden', 'true');

  const formatSpan = options.formatSpan ?? ((s: ActivitySpan) => `${new Date(s.start).toISOString()} – ${new Date(s.end).toISOString()}`);
  setDataTable(svg, id, {
    caption: options.table.caption,
    columns: [options.table.time, ...series.map((name) => options.labels[name])],
    rows: spans.map((s) => [formatSpan(s), s.participants, s.votes, s.statements]),
  });
  return svg;
}
