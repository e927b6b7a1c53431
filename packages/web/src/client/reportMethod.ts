import type { Translator } from '@kuulo/viz';
import { el } from './el';

/** How the results were made, in plain words: a reader of the printout has no one to ask. */
export function reportMethod(t: Translator): HTMLElement {
  return el(
    'div',
    { class: 'kuulo-method' },
    [t.t('report.method.votes'), t.t('report.method.groups'), t.t('report.method.majority'), t.t('report.method.numbers')].map((text) => el('p', {}, [text])),
  );
}
