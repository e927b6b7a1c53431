import type { Translator } from '@kuulo/viz';
import type { QueueItem, QueuePage } from './apiTypes';
import { el, uniqueId } from './el';
import { flagText } from './flaggedParticipants';
import { languageName } from './languageName';

export type Action = 'accept' | 'reject' | 'meta';

export type Related = QueuePage['related'][number];

export interface QueueRowContext {
  t: Translator;
  /** Statements the hints name, by id. */
  related: ReadonlyMap<number, Related>;
  selected: boolean;
  onSelect: (item: QueueItem, checked: boolean, range: boolean) => void;
  onAct: (item: QueueItem, action: Action, button: HTMLButtonElement) => void;
  onDuplicate: (item: QueueItem, of: number, button: HTMLButtonElement) => void;
  /** The statement's languages editor (a <details>). */
  languages: (item: QueueItem) => HTMLElement;
}

/** Which action buttons fit a statement's state: those that would change it. */
export function actionsFor(item: QueueItem): Action[] {
  const list: Action[] = [];
  if (item.moderation !== 'accepted' || item.isMeta) list.push('accept');
  if (item.moderation !== 'rejected') list.push('reject');
  if (!item.isMeta || item.moderation !== 'accepted') list.push('meta');
  return list;
}

/** A language code, shown and marked: the code on screen, the language's name for screen readers and on hover. */
function languageTag(lang: string | null, label: string): HTMLElement {
  return el('span', { class: 'kuulo-lang-tag', attrs: { title: label } }, [
    el('span', { attrs: { 'aria-hidden': 'true' } }, [lang ?? '?']),
    el('span', { class: 'kuulo-visually-hidden' }, [label]),
  ]);
}

/**
 * One statement of the queue as a compact row: a selection box, the text in its original language
 * with its translations and duplicate hint, who wrote it and its votes, and the action buttons. The
 * row itself is focusable (from script: the keyboard shortcuts move between rows).
 */
export function queueRow(item: QueueItem, ctx: QueueRowContext): HTMLLIElement {
  const { t } = ctx;
  const textId = uniqueId('queue-text');
  const metaId = uniqueId('queue-meta');
  const id = String(item.id);
  const who = item.isSeed ? t.t('moderate.who.seed') : item.authorPid === null ? t.t('moderate.who.unknown') : t.t('moderate.who.participant', { pid: String(item.authorPid) });
  const { agree, disagree, pass } = item.tally;
  const select = el('input', { class: 'kuulo-queue-check', attrs: { type: 'checkbox', 'aria-label': t.t('queue.select.one', { id }), 'data-focus': 'select', checked: ctx.selected } });
  select.addEventListener('click', (event) => ctx.onSelect(item, select.checked, (event as MouseEvent).shiftKey));
  const of = item.duplicateOf ?? null;
  // "Reject as duplicate of #N" sits with the other actions; its visible label is the short end of its name.
  const duplicate =
    of !== null && item.moderation !== 'rejected'
      ? el(
          'button',
          {
            class: 'kuulo-button kuulo-small kuulo-action-duplicate',
            attrs: { type: 'button', 'aria-label': t.t('queue.dup.reject', { id: String(of) }), 'aria-describedby': textId, 'data-focus': 'action-duplicate' },
            on: { click: (event) => ctx.onDuplicate(item, of, event.currentTarget as HTMLButtonElement) },
          },
          [t.t('queue.dup.button', { id: String(of) })],
        )
      : null;
  const buttons = actionsFor(item).map((action) =>
    el(
      'button',
      {
        class: `kuulo-button kuulo-small kuulo-action-${action}`,
        attrs: { type: 'button', 'aria-describedby': textId, 'data-focus': `action-${action}` },
        on: { click: (event) => ctx.onAct(item, action, event.currentTarget as HTMLButtonElement) },
      },
      // On an accepted meta statement, "accept" only takes the meta mark away.
      [t.t(action === 'accept' && item.isMeta && item.moderation === 'accepted' ? 'moderate.action.notMeta' : `moderate.action.${action}`)],
    ),
  );
  const original = item.lang ? t.t('moderate.lang.original', { language: languageName(item.lang, t) }) : t.t('moderate.lang.unknown');
  const translations = Object.entries(item.translations ?? {}).filter(([lang]) => lang !== item.lang);
  // One badge a kind of flag, its facts (counts, time span) on hover; the flagged-participants panel lists them in full.
  const flags = [...new Map((item.authorFlags ?? []).map((f) => [f.kind, f] as const)).values()];
  return el('li', { class: 'kuulo-item kuulo-queue-row', attrs: { 'data-statement-id': item.id, tabindex: -1, 'aria-labelledby': textId, 'aria-describedby': metaId } }, [
    select,
    el('div', { class: 'kuulo-queue-main' }, [
      el('p', { class: 'kuulo-item-text' }, [languageTag(item.lang, original), ' ', el('span', { attrs: { id: textId, lang: item.lang ?? undefined } }, [item.text])]),
      translations.length > 0 &&
        el(
          'ul',
          { class: 'kuulo-translations', attrs: { 'aria-label': t.t('moderate.translations') } },
          translations.map(([lang, translation]) =>
            el('li', { class: 'kuulo-translation' }, [
              languageTag(lang, t.t('moderate.lang.translation', { language: languageName(lang, t) })),
              ' ',
              el('span', { attrs: { lang } }, [translation.text]),
              ' ',
              el('span', { class: `kuulo-badge kuulo-source-${translation.source}` }, [t.t(`moderate.source.${translation.source}`)]),
            ]),
          ),
        ),
      // Who wrote it and its votes, then the duplicate hint: one line on a wide screen.
      el('div', { class: 'kuulo-queue-sub' }, [
        el('p', { class: 'kuulo-item-meta', attrs: { id: metaId } }, [
          t.t('moderate.itemMeta', { id, who, agree, disagree, pass }),
          ' ',
          el('span', { class: `kuulo-badge kuulo-badge-${item.moderation}` }, [t.t(`moderate.badge.${item.moderation}`)]),
          item.isMeta && el('span', { class: 'kuulo-badge kuulo-badge-meta' }, [t.t('moderate.badge.meta')]),
          ...flags.map((flag) => el('span', { class: 'kuulo-badge kuulo-badge-flag', attrs: { title: flagText(t, flag) } }, [t.t(`queue.flag.${flag.kind}`)])),
        ]),
        duplicateHint(item, ctx),
      ]),
    ]),
    el('div', { class: 'kuulo-actions', attrs: { role: 'group', 'aria-label': t.t('moderate.group', { id }) } }, [...buttons, duplicate]),
    ctx.languages(item),
  ]);
}

/**
 * The most similar statements with their scores; above the threshold (the server's `duplicateOf`)
 * which one this most likely repeats, with its text (the row's actions offer "Reject as duplicate of #N").
 */
function duplicateHint(item: QueueItem, ctx: QueueRowContext): HTMLElement | null {
  const { t } = ctx;
  const similar = item.similar ?? [];
  const of = item.duplicateOf ?? null;
  if (similar.length === 0 && of === null) return null;
  const score = (statementId: number): string => {
    const found = similar.find((s) => s.statementId === statementId);
    return found ? t.percent(found.score) : '';
  };
  const quote = (statementId: number): HTMLElement | null => {
    const related = ctx.related.get(statementId);
    return related ? el('q', { class: 'kuulo-dup-text', attrs: { lang: related.lang ?? undefined } }, [related.text]) : null;
  };
  const top = of ?? similar[0]!.statementId;
  const others = similar.filter((s) => s.statementId !== top).slice(0, 2);
  return el('p', { class: `kuulo-dup-hint${of !== null ? ' kuulo-dup-likely' : ''}` }, [
    // A score is missing where a moderator named the statement (rejected as a duplicate of it).
    score(top) === '' ? t.t('queue.dup.repeats', { id: String(top) }) : t.t(of !== null ? 'queue.dup.likely' : 'queue.dup.similar', { id: String(top), score: score(top) }),
    ' ',
    quote(top),
    others.length > 0 && ' ',
    others.length > 0 && el('span', { class: 'kuulo-dup-others' }, [t.t('queue.dup.others', { list: t.list(others.map((s) => t.t('queue.dup.other', { id: String(s.statementId), score: t.percent(s.score) })), 'unit') })]),
  ]);
}
