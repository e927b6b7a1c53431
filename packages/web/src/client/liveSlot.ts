import type { KuuloResult } from '@kuulo/core';
import type { ChartController } from '@kuulo/viz';
import { el } from './el';

export interface LiveSlot {
  show(result: KuuloResult): void;
  destroy(): void;
}

/**
 * A place for a live chart: drawn with `create` on the first result that has groups, then
 * animated by `update`; until then (or if drawing fails) a short message stands in for it.
 */
export function liveSlot(container: HTMLElement, create: (result: KuuloResult) => ChartController, emptyMessage: string): LiveSlot {
  let controller: ChartController | null = null;
  const message = (text: string): void => container.replaceChildren(el('p', { class: 'kuulo-muted' }, [text]));
  message(emptyMessage);
  return {
    show(result) {
      if (result.groups.length === 0) {
        controller?.destroy();
        controller = null;
        message(emptyMessage);
        return;
      }
      if (controller) {
        controller.update(result);
        return;
      }
      controller = create(result);
      container.replaceChildren(controller.node);
    },
    destroy() {
      controller?.destroy();
      controller = null;
    },
  };
}
