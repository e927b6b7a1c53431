import type { StatementId } from '@kuulo/core';
import { el } from './el';

/** "#12": how the report names a statement everywhere, so people in a room can say "statement 12". */
export function statementNumber(id: StatementId): string {
  return `#${id}`;
}

/** The number before a statement's text in a list (a space after it, so copied text reads "#12 text"). */
export function statementNumberView(id: StatementId): HTMLElement {
  return el('span', { class: 'kuulo-item-id' }, [`${statementNumber(id)} `]);
}

/** A chart label with the number first, "#12 text"; undefined stays undefined so the chart's own fallback applies. */
export function numberedText(id: StatementId, text: string | undefined): string | undefined {
  return text === undefined ? undefined : `${statementNumber(id)} ${text}`;
}
