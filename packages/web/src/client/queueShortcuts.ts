import type { Translator } from '@kuulo/viz';
import { el } from './el';

export type QueueCommand = 'next' | 'previous' | 'select' | 'accept' | 'reject' | 'meta' | 'duplicate' | 'bulkAccept' | 'bulkReject' | 'search';

/** Each command's key as KeyboardEvent.key gives it (lower case; shown in upper case). */
const keys: readonly { command: QueueCommand; key: string; shift: boolean }[] = [
  { command: 'next', key: 'j', shift: false },
  { command: 'previous', key: 'k', shift: false },
  { command: 'select', key: 'x', shift: false },
  { command: 'accept', key: 'a', shift: false },
  { command: 'reject', key: 'r', shift: false },
  { command: 'meta', key: 'm', shift: false },
  { command: 'duplicate', key: 'd', shift: false },
  { command: 'bulkAccept', key: 'a', shift: true },
  { command: 'bulkReject', key: 'r', shift: true },
  { command: 'search', key: '/', shift: false },
];

/** Whether the key goes to a field the person is typing in (then it is text, not a command). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** The queue command a key press asks for, or null (typing, a modifier held, or no such key). */
export function queueCommand(event: KeyboardEvent): QueueCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || typing(event.target)) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return keys.find((k) => k.key === key && (k.key === '/' || k.shift === event.shiftKey))?.command ?? null;
}

/** The shortcuts, documented on the page: a closed disclosure under the queue's tools. */
export function shortcutHelp(t: Translator): HTMLDetailsElement {
  return el('details', { class: 'kuulo-shortcuts' }, [
    el('summary', {}, [t.t('queue.keys.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('queue.keys.intro')]),
    el(
      'dl',
      { class: 'kuulo-shortcut-list' },
      keys.flatMap((k) => [
        el('dt', {}, [el('kbd', {}, [k.shift ? t.t('queue.keys.withShift', { key: k.key.toUpperCase() }) : k.key.toUpperCase()])]),
        el('dd', {}, [t.t(`queue.keys.${k.command}`)]),
      ]),
    ),
  ]);
}
