import type { ParticipantViewGroup } from '@kuulo/core';
import { groupColor, type Translator } from '@kuulo/viz';
import { el, uniqueId } from './el';

export interface GroupPicker {
  readonly element: HTMLElement;
  /** Draws one button per group; the `selected` one is expanded. Buttons are kept by group id, so focus survives updates. */
  update(groups: readonly ParticipantViewGroup[], selected: number | null, yours: number | null): void;
}

/**
 * The keyboard (and screen reader) way to the group details: a button per group under the map, in the
 * group's map colour, each expanding the details panel `panelId` (tapping an outline does the same).
 */
export function groupPicker(t: Translator, panelId: string, onToggle: (id: number) => void): GroupPicker {
  const labelId = uniqueId('group-picker');
  const buttons = new Map<number, HTMLButtonElement>();
  const row = el('div', { class: 'kuulo-group-buttons', attrs: { role: 'group', 'aria-labelledby': labelId } });
  const element = el('div', { class: 'kuulo-group-picker' }, [el('p', { class: 'kuulo-group-picker-label', attrs: { id: labelId } }, [t.t('participant.groups.pick')]), row]);
  return {
    element,
    update(groups, selected, yours) {
      const shown = [...groups].sort((a, b) => a.id - b.id);
      for (const [id, button] of buttons) {
        if (shown.some((g) => g.id === id)) continue;
        button.remove();
        buttons.delete(id);
      }
      const ordered = shown.map((g) => {
        let button = buttons.get(g.id);
        if (!button) {
          button = el('button', { class: 'kuulo-button kuulo-group-button', attrs: { type: 'button', 'aria-controls': panelId, 'data-group': g.id }, on: { click: () => onToggle(g.id) } });
          button.style.setProperty('--group-color', groupColor(g.id));
          buttons.set(g.id, button);
        }
        button.replaceChildren(
          el('span', { class: 'kuulo-group-swatch', attrs: { 'aria-hidden': 'true' } }),
          t.t('participant.groups.button', { label: g.label, size: g.size, yours: g.id === yours ? 'yes' : 'no' }),
        );
        button.setAttribute('aria-expanded', String(g.id === selected));
        return button;
      });
      // Appending nodes already in place keeps them (and focus) where they are.
      ordered.forEach((button, i) => {
        if (row.children[i] !== button) row.insertBefore(button, row.children[i] ?? null);
      });
      element.hidden = shown.length === 0;
    },
  };
}
