import { defaultPrivacyFloor, wilsonLowerBound, type KuuloResult, type PrivacyInfo } from '@kuulo/core';
import { conflictScores, groupColor, type Translator } from '@kuulo/viz';
import type { Statement } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';
import { statementNumberView } from './statementNumber';
import { statementTextView } from './statementText';
import { voteBar } from './voteBar';

export type StatementOrder = 'id' | 'agree' | 'disagree' | 'pass' | 'divisive';

const orders: readonly StatementOrder[] = ['id', 'agree', 'disagree', 'pass', 'divisive'];

export interface StatementList {
  readonly element: HTMLElement;
  render(statements: readonly Statement[], result: KuuloResult | null): void;
}

/** The share's lower confidence bound (Wilson), so 1 agree of 1 vote does not outrank 40 of 50. */
function share(s: Statement, kind: 'agree' | 'disagree' | 'pass'): number {
  const t = s.tally;
  if (!t) return 0;
  return wilsonLowerBound(t[kind], t.agree + t.disagree + t.pass);
}

/**
 * Every statement with a bar for all voters and one per opinion group (from the math's group
 * tallies), sortable. The group bars carry the group's letter and size, as on the map.
 */
export function statementList(t: Translator): StatementList {
  let order: StatementOrder = 'id';
  let last: { statements: readonly Statement[]; result: KuuloResult | null } = { statements: [], result: null };
  const selectId = uniqueId('statement-order');
  const select = el(
    'select',
    { class: 'kuulo-input', attrs: { id: selectId } },
    orders.map((value) => el('option', { attrs: { value } }, [t.t(`report.order.${value}`)])),
  );
  const list = el('ol', { class: 'kuulo-statement-list' });
  select.addEventListener('change', () => {
    order = select.value as StatementOrder;
    draw();
  });

  function draw(): void {
    const { statements, result } = last;
    const column = new Map(result?.statements.map((id, j) => [String(id), j]) ?? []);
    const conflict = result ? conflictScores(result) : [];
    const groups = result ? [...result.groups].sort((a, b) => a.id - b.id) : [];
    const floor = (result as { privacy?: PrivacyInfo } | null)?.privacy?.floor ?? defaultPrivacyFloor;
    const key = (s: Statement): number => {
      if (order === 'divisive') return conflict[column.get(String(s.id)) ?? -1] ?? 0;
      return order === 'id' ? -s.id : share(s, order);
    };
    const sorted = [...statements].sort((a, b) => key(b) - key(a) || a.id - b.id);
    replaceChildren(
      list,
      sorted.map((s) => {
        const j = column.get(String(s.id));
        const groupBars =
          j === undefined
            ? []
            : groups.map((g) => {
                const label = t.t('report.groupBar', { label: g.label, size: g.size });
                // A published result drops (null) a group's tally from fewer than `floor` voters: say so, never 0.
                const seenOrNull = (g.tallies.seen as readonly (number | null)[])[j];
                const seen = seenOrNull ?? 0;
                const agree = g.tallies.agree[j] ?? 0;
                const disagree = g.tallies.disagree[j] ?? 0;
                const row = seenOrNull === null ? hiddenBar(label, t.t('report.fewerVotes', { floor })) : voteBar(label, { agree, disagree, pass: Math.max(0, seen - agree - disagree) }, t);
                row.classList.add('kuulo-group-bar');
                row.style.setProperty('--group-color', groupColor(g.id));
                return row;
              });
        return el('li', { class: 'kuulo-statement-item', attrs: { 'data-statement-id': s.id } }, [
          el('p', { class: 'kuulo-item-text' }, [
            statementNumberView(s.id),
            statementTextView(s, t),
            s.isMeta && el('span', { class: 'kuulo-badge kuulo-badge-meta' }, [t.t('report.meta')]),
          ]),
          voteBar(t.t('report.everyone'), s.tally ?? { agree: 0, disagree: 0, pass: 0 }, t),
          ...groupBars,
        ]);
      }),
    );
  }

  const element = el('div', { class: 'kuulo-statements' }, [
    el('div', { class: 'kuulo-row kuulo-no-print' }, [el('label', { attrs: { for: selectId } }, [t.t('report.sortBy')]), select]),
    el('p', { class: 'kuulo-hint kuulo-no-print' }, [t.t('report.sortHint')]),
    el('p', { class: 'kuulo-legend' }, [
      el('span', { class: 'kuulo-key kuulo-key-agree' }, [t.t('report.legend.agree')]),
      el('span', { class: 'kuulo-key kuulo-key-disagree' }, [t.t('report.legend.disagree')]),
      el('span', { class: 'kuulo-key kuulo-key-pass' }, [t.t('report.legend.pass')]),
      ' ',
      t.t('report.legend.note'),
    ]),
    list,
  ]);
  return {
    element,
    render(statements, result) {
      last = { statements, result };
      draw();
    },
  };
}

/** A group's row whose tally is not published: its label and why, where the bar would be. */
function hiddenBar(label: string, why: string): HTMLElement {
  return el('div', { class: 'kuulo-bar-row kuulo-bar-hidden' }, [el('span', { class: 'kuulo-bar-label' }, [label]), el('span', { class: 'kuulo-bar-numbers' }, [why])]);
}
