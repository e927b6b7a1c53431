import type { KuuloResult, ParticipantId, StatementId } from '@kuulo/core';
import { liveChart, opinionMap, type ChartController, type Translator } from '@kuulo/viz';
import { chartWidth } from './chartWidth';
import { el } from './el';
import { uncertaintyNote } from './uncertaintyNote';

export interface LiveMapOptions {
  /** The page's translator: the caption's and the chart's language. */
  t: Translator;
  /** The participant to mark "You", read at every update. Default none. */
  you?: () => number | undefined;
  /** Statement text by id (for the map's data table). */
  statementText: (id: StatementId) => string | undefined;
  /** Zoom and pan. Default: on, except with a coarse pointer (a finger would trap page scrolling). */
  zoom?: boolean;
  /** Chart title. Default: the chart's own ("Opinion map" in the reader's language). */
  title?: string;
  /** The map's density threshold, to pick the caption. Default 2000 (the map's default). */
  densityThreshold?: number;
}

export interface LiveMap {
  /** Draws the first result or animates to a new one. */
  show(result: KuuloResult): void;
  destroy(): void;
}

/** The participant id as the result spells it (the server's pids are numbers, other hosts may use strings). */
function youIn(result: KuuloResult, pid: number | undefined): ParticipantId | undefined {
  if (pid === undefined) return undefined;
  return typeof result.participants[0] === 'string' ? String(pid) : pid;
}

/**
 * The opinion map in a page: drawn to fit `container`, then animated with each new result.
 * A chart's "You" is fixed when it is drawn, so the map is redrawn once when the participant
 * becomes known (after their first vote). When the math carries a bootstrap, the map fades
 * uncertain participants and dashes unstable groups, and the caption says so in words.
 */
export function liveMap(container: HTMLElement, options: LiveMapOptions): LiveMap {
  let controller: ChartController | null = null;
  let drawnFor: ParticipantId | undefined;
  const caption = el('p', { class: 'kuulo-map-caption' });
  const setCaption = (result: KuuloResult): void => {
    const note = uncertaintyNote(result, options.t);
    const shading = result.participants.length > (options.densityThreshold ?? 2000);
    caption.textContent = [options.t.t(shading ? 'report.map.density' : 'report.map.dots'), ...(note ? [note] : [])].join(' ');
  };
  const zoom = options.zoom ?? !window.matchMedia('(pointer: coarse)').matches;

  return {
    show(result) {
      const you = youIn(result, options.you?.());
      if (controller && you === drawnFor) {
        controller.update(result);
        setCaption(result);
        return;
      }
      controller?.destroy();
      const width = chartWidth(container, 280, 720);
      controller = liveChart(opinionMap, result, {
        width,
        height: Math.max(260, Math.round(width * 0.72)),
        margin: width < 420 ? 28 : 40,
        statementText: options.statementText,
        // The caption goes below as HTML, which wraps on narrow screens (SVG text does not).
        caption: '',
        zoom,
        locale: options.t.lang,
        ...(you !== undefined && { you }),
        ...(options.title !== undefined && { title: options.title }),
      });
      drawnFor = you;
      container.replaceChildren(controller.node, caption);
      setCaption(result);
    },
    destroy() {
      controller?.destroy();
      controller = null;
    },
  };
}
