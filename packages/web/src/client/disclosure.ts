import { el, uniqueId, type Child } from './el';

export interface Disclosure {
  readonly element: HTMLElement;
  /** Replaces what the disclosure shows when open (say, after new numbers arrived). */
  setContent(children: readonly Child[]): void;
}

/**
 * A button that shows and hides a short text under it, closed at first. A button with
 * aria-expanded (not <details>) so its state is announced the same way in every screen reader.
 */
export function disclosure(label: string, className: string): Disclosure {
  const regionId = uniqueId('disclosure');
  const region = el('div', { class: 'kuulo-disclosure-body', attrs: { id: regionId } });
  region.hidden = true;
  const button = el(
    'button',
    {
      class: 'kuulo-disclosure-button',
      attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': regionId },
      on: {
        click: () => {
          region.hidden = !region.hidden;
          button.setAttribute('aria-expanded', String(!region.hidden));
        },
      },
    },
    [label],
  );
  return {
    element: el('div', { class: `kuulo-disclosure ${className}` }, [button, region]),
    setContent(children) {
      region.replaceChildren();
      for (const child of children) if (child !== null && child !== undefined && child !== false) region.append(typeof child === 'number' ? String(child) : child);
    },
  };
}
