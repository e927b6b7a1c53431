import type { KuuloResult, StatementId } from '@kuulo/core';
import { bridgingChart, conflictChart, consensusChart, groupPanel, opinionMap, type ConsensusChartOptions, type Translator } from '@kuulo/viz';
import { chartTiles } from './chartTiles';
import { el, replaceChildren, uniqueId } from './el';
import { qrCode } from './qrCode';
import { uncertaintyNote } from './uncertaintyNote';

/** What a printout holds: the summary sections only, or the summary with every statement as an appendix. */
export type PrintMode = 'summary' | 'full';

export interface ReportPrintOptions {
  /** The page's translator: the printout's language. */
  t: Translator;
  conversationId: string;
  /** The page's <main>: its `data-print` attribute switches the appendix on paper (print.css). */
  main: HTMLElement;
  /** Statement labels for the print charts (with their numbers). */
  statementText: (id: StatementId) => string | undefined;
  /** More options for the majority chart, the same the screen's chart gets (read at each draw). Default none. */
  consensusOptions?: () => ConsensusChartOptions;
}

export interface ReportPrint {
  /** "Include all statements when printing" (screen only). */
  readonly toggle: HTMLElement;
  /** Paper only: when the data is from, the conversation's address and its QR code. */
  readonly header: HTMLElement;
  /** Paper only: the charts drawn for an A4 column, one box per section. */
  readonly boxes: { readonly majority: HTMLElement; readonly groups: HTMLElement; readonly differences: HTMLElement };
  /** Paper only, in summary mode: where to find every statement. */
  readonly appendixNote: HTMLElement;
  /** New math: stamps the data's time in the header and page footers and redraws the print charts. */
  show(result: KuuloResult, computedAt: number, tick: number): void;
}

/**
 * Print charts are drawn this wide and printed across the A4 column (182 mm ≈ 688 px), so they grow
 * by 1.2 or more and their smallest text (10 px) comes out at 12 px = 9 pt or more.
 */
export const printChartWidth = 570;
/** The map prints at 70 % of the column (print.css), so it too grows by 1.2. */
export const printMapWidth = 400;

/** The print mode named by `?print=` (summary unless it says full). */
export function printModeOf(search: string): PrintMode {
  return new URLSearchParams(search).get('print') === 'full' ? 'full' : 'summary';
}

/** A CSS string literal (for `content:` in the page footer). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\A ')}"`;
}

/** A message with page counters in it as a CSS `content` value: "Page " counter(page) " of " counter(pages). */
function pageNumberContent(t: Translator): string {
  const message = t.t('report.print.pageNumber', { page: '\u0001', pages: '\u0002' });
  return message
    .split(/([\u0001\u0002])/)
    .filter((part) => part !== '')
    .map((part) => (part === '\u0001' ? 'counter(page)' : part === '\u0002' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/**
 * The report as a handout: a summary mode (default) and a full mode with every statement, chosen
 * on the page or with `?print=summary|full`; a header with the data's time, the address and a QR code;
 * page footers with the address, the data's time and page numbers (CSS page-margin boxes, which
 * Chromium prints since version 131); and charts redrawn at a print width so no text is under 9 pt.
 */
export function reportPrint(options: ReportPrintOptions): ReportPrint {
  const { t, conversationId, main } = options;
  const path = `/c/${encodeURIComponent(conversationId)}`;
  const address = `${location.origin}${path}`;
  const shortAddress = `${location.host}${path}`;

  let mode = printModeOf(location.search);
  const checkboxId = uniqueId('print-all');
  const checkbox = el('input', { attrs: { type: 'checkbox', id: checkboxId } });
  checkbox.checked = mode === 'full';
  const setMode = (next: PrintMode): void => {
    mode = next;
    main.dataset.print = mode;
    // The choice lives in the address too, so a shared link prints the same.
    const url = new URL(location.href);
    if (mode === 'full') url.searchParams.set('print', 'full');
    else url.searchParams.delete('print');
    history.replaceState(history.state, '', url);
  };
  main.dataset.print = mode;
  checkbox.addEventListener('change', () => setMode(checkbox.checked ? 'full' : 'summary'));
  const toggle = el('label', { class: 'kuulo-check kuulo-print-toggle kuulo-no-print', attrs: { for: checkboxId } }, [checkbox, ' ', t.t('report.print.includeAll')]);

  const dataTime = el('p', { class: 'kuulo-print-time' });
  const header = el('div', { class: 'kuulo-print-only kuulo-print-header' }, [
    el('div', { class: 'kuulo-print-address' }, [dataTime, el('p', {}, [t.t('report.print.addressLabel')]), el('p', { class: 'kuulo-print-url' }, [address])]),
    qrCode(address, t.t('report.print.qrLabel', { address })),
  ]);

  // The page footer: address and data time on the left, page numbers on the right.
  const footer = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, footer];
  const setFooter = (time: string | null): void => {
    const left = time === null ? shortAddress : t.t('report.print.footer', { address: shortAddress, time });
    footer.replaceSync(
      `@page { @bottom-left { content: ${cssString(left)}; font: 9pt/1.2 system-ui, sans-serif; color: #333; vertical-align: middle; }` +
        ` @bottom-right { content: ${pageNumberContent(t)}; font: 9pt/1.2 system-ui, sans-serif; color: #333; vertical-align: middle; white-space: nowrap; } }`,
    );
  };
  setFooter(null);

  const boxes = {
    majority: el('div', { class: 'kuulo-print-only kuulo-print-charts' }),
    groups: el('div', { class: 'kuulo-print-only kuulo-print-charts' }),
    differences: el('div', { class: 'kuulo-print-only kuulo-print-charts' }),
  };
  const appendixNote = el('p', { class: 'kuulo-print-only kuulo-print-appendix-note' }, [t.t('report.print.appendixNote')]);

  let latest: KuuloResult | null = null;
  let drawn: KuuloResult | null = null;
  const chart = { statementText: options.statementText, locale: t.lang, width: printChartWidth };
  const draw = (): void => {
    const result = latest;
    if (!result || result === drawn) return;
    drawn = result;
    if (result.groups.length === 0) {
      for (const box of Object.values(boxes)) box.replaceChildren();
      return;
    }
    // One chart per part (each kept whole on a page), not one chart that a page break would cut.
    const sections: ConsensusChartOptions['sections'][] = [['agree'], ['disagree'], ['groupAware']];
    replaceChildren(boxes.majority, [
      ...sections.flatMap((part) => chartTiles(consensusChart(result, { ...options.consensusOptions?.(), ...chart, title: t.t('report.section.majority'), sections: part }))),
      ...(Array.isArray(result.bridging) ? chartTiles(bridgingChart(result, chart)) : []),
    ]);
    const mapHeight = Math.round(printMapWidth * 0.72);
    const note = uncertaintyNote(result, t);
    replaceChildren(boxes.groups, [
      el('div', { class: 'kuulo-print-map' }, [opinionMap(result, { width: printMapWidth, height: mapHeight, margin: 28, statementText: options.statementText, caption: '', locale: t.lang })]),
      el('p', { class: 'kuulo-map-caption' }, [[t.t(result.participants.length > 2000 ? 'report.map.density' : 'report.map.dots'), ...(note ? [note] : [])].join(' ')]),
      ...[...result.groups].sort((a, b) => a.id - b.id).flatMap((g) => chartTiles(groupPanel(result, { ...chart, groups: [g.id] }))),
    ]);
    replaceChildren(boxes.differences, chartTiles(conflictChart(result, chart)));
  };
  // Drawn when printing starts (beforeprint runs before the print layout), so the screen pays nothing;
  // until then print.css prints the screen charts instead.
  const printing = window.matchMedia('print');
  window.addEventListener('beforeprint', draw);
  printing.addEventListener('change', () => printing.matches && draw());

  return {
    toggle,
    header,
    boxes,
    appendixNote,
    show(result, computedAt, tick) {
      const time = t.dateTime(computedAt, { dateStyle: 'long', timeStyle: 'short' });
      dataTime.textContent = t.t('report.print.dataTime', { time, tick: String(tick) });
      setFooter(time);
      latest = result;
      if (printing.matches) draw();
    },
  };
}
