import type { Translator } from '@kuulo/viz';
import { errorMessage, type ApiClient } from './apiClient';
import { el, replaceChildren, uniqueId } from './el';

/** What the moderator page hands the flagged-participants panel and the moderation log view. */
export interface ModerationPanelContext {
  t: Translator;
  /** The conversation's API. */
  api: ApiClient;
  /** The moderator key as request headers. */
  auth: () => Record<string, string>;
  /** Says a short message in the page's live region; default: the panel's own status line. */
  announce?: (text: string) => void;
  /** Called after the moderator left someone out of the math or counted them again (e.g. to refresh the log view). */
  changed?: () => void;
}

export type FlagKind = 'statement-burst' | 'fast-votes' | 'agree-everything' | 'identical-burst';

export interface ParticipantFlag {
  kind: FlagKind;
  detail: string;
  count: number;
  seconds: number;
}

export interface ModeratedParticipant {
  pid: number;
  createdAt: number;
  votes: number;
  statements: number;
  flags: ParticipantFlag[];
  exclusion: { reason: string; actor: string; excludedAt: number } | null;
}

interface ParticipantsPage {
  items: ModeratedParticipant[];
  next: number | null;
  total: number;
  excluded: number;
}

/** One flag in the reader's language (the counts and window come from the server, the words from the catalog). */
export function flagText(t: Translator, flag: ParticipantFlag): string {
  const minutes = Math.max(1, Math.round(flag.seconds / 60));
  switch (flag.kind) {
    case 'fast-votes':
      return t.t('flood.flag.fastVotes', { count: flag.count, seconds: flag.seconds });
    case 'agree-everything':
      return t.t('flood.flag.agreeEverything', { count: flag.count, minutes });
    case 'identical-burst':
      return t.t('flood.flag.identicalBurst', { count: flag.count, minutes });
    case 'statement-burst':
      return t.t('flood.flag.statementBurst', { count: flag.count, minutes });
  }
}

/**
 * "Participants flagged": flood and bad-faith signals, each participant with a reversible
 * "leave out of the math" action. The signals never act by themselves; the moderator decides, and
 * both steps go to the moderation log. Returns `refresh` for the page to call on new votes.
 */
export function renderFlaggedParticipants(container: HTMLElement, ctx: ModerationPanelContext): { refresh: () => Promise<void> } {
  const { t, api, auth } = ctx;
  const headingId = uniqueId('flagged');
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  const announce = ctx.announce ?? ((text: string) => (status.textContent = text));
  const summary = el('p', { class: 'kuulo-muted' });
  const list = el('ul', { class: 'kuulo-flagged-list', attrs: { 'aria-labelledby': headingId } });
  const more = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', hidden: true } }, [t.t('flood.more')]);
  const refreshButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('flood.refresh')]);
  let next: number | null = null;
  const rows = new Map<number, HTMLLIElement>();
  // What each row shows, so a refresh leaves unchanged rows (and the moderator's focus or half-typed reason) alone.
  const shown = new Map<number, string>();

  // A refresh rebuilds only rows whose data changed; an open reason form is kept as it is.
  const reconcile = (items: ModeratedParticipant[]): void => {
    const active = document.activeElement as HTMLElement | null;
    const focusedPid = active && list.contains(active) ? Number(active.closest<HTMLElement>('li[data-pid]')?.dataset.pid) : null;
    const nodes = items.map((p) => {
      const old = rows.get(p.pid);
      if (old && (shown.get(p.pid) === JSON.stringify(p) || old.querySelector('form'))) return old;
      const row = participantRow(p);
      rows.set(p.pid, row);
      shown.set(p.pid, JSON.stringify(p));
      return row;
    });
    const keep = new Set(items.map((p) => p.pid));
    for (const pid of [...rows.keys()]) {
      if (keep.has(pid)) continue;
      rows.delete(pid);
      shown.delete(pid);
    }
    if (nodes.length === list.children.length && nodes.every((n, i) => list.children[i] === n)) return;
    list.replaceChildren(...nodes);
    // Moving a node drops its focus: give it back, or to the same participant's button in a rebuilt row.
    if (active && document.contains(active)) active.focus();
    else if (focusedPid !== null && Number.isFinite(focusedPid)) rows.get(focusedPid)?.querySelector<HTMLButtonElement>('button[data-pid]')?.focus();
  };

  const load = async (after: number | null): Promise<void> => {
    const query = `/moderation/participants?flagged=true&limit=50${after === null ? '' : `&after=${after}`}`;
    const page = await api.get<ParticipantsPage>(query, auth());
    if (after === null) reconcile(page.items);
    else
      for (const p of page.items) {
        const row = participantRow(p);
        rows.set(p.pid, row);
        shown.set(p.pid, JSON.stringify(p));
        list.append(row);
      }
    next = page.next;
    more.hidden = next === null;
    summary.textContent = page.total === 0 ? t.t('flood.none') : t.t('flood.summary', { flagged: page.total, excluded: page.excluded });
  };

  const refresh = async (): Promise<void> => {
    try {
      await load(null);
    } catch (error) {
      status.textContent = errorMessage(error, t);
    }
  };

  function participantRow(p: ModeratedParticipant): HTMLLIElement {
    const nameId = uniqueId('ptpt');
    const flags = el(
      'ul',
      { class: 'kuulo-flag-list' },
      p.flags.map((f) => el('li', { class: `kuulo-flag kuulo-flag-${f.kind}`, attrs: { title: f.detail } }, [flagText(t, f)])),
    );
    const facts = el('p', { class: 'kuulo-muted' }, [t.t('flood.facts', { votes: p.votes, statements: p.statements })]);
    const state = el('p', { class: p.exclusion ? 'kuulo-flag-state kuulo-flag-state-excluded' : 'kuulo-flag-state kuulo-muted' }, [
      p.exclusion
        ? p.exclusion.reason
          ? t.t('flood.excludedBecause', { who: p.exclusion.actor, when: t.dateTime(p.exclusion.excludedAt, { dateStyle: 'short', timeStyle: 'short' }), reason: p.exclusion.reason })
          : t.t('flood.excluded', { who: p.exclusion.actor, when: t.dateTime(p.exclusion.excludedAt, { dateStyle: 'short', timeStyle: 'short' }) })
        : t.t('flood.counted'),
    ]);
    const action = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'aria-describedby': nameId, 'data-pid': p.pid } }, [
      t.t(p.exclusion ? 'flood.include' : 'flood.exclude'),
    ]);
    const confirmBox = el('div', { class: 'kuulo-flag-confirm' });
    const row = el('li', { class: 'kuulo-flagged', attrs: { 'data-pid': p.pid } }, [
      el('p', { class: 'kuulo-flagged-name', attrs: { id: nameId } }, [t.t('flood.participant', { pid: String(p.pid) })]),
      flags,
      facts,
      state,
      el('div', { class: 'kuulo-row' }, [action]),
      confirmBox,
    ]);
    action.addEventListener('click', () => (p.exclusion ? void change(p, 'DELETE', '', action) : askReason(p, confirmBox, action)));
    return row;
  }

  // Excluding asks for a reason for the log first; including again is one step (it only restores).
  function askReason(p: ModeratedParticipant, box: HTMLElement, action: HTMLButtonElement): void {
    const inputId = uniqueId('reason');
    const input = el('input', { class: 'kuulo-input', attrs: { id: inputId, type: 'text', maxlength: 500, autocomplete: 'off' } });
    const yes = el('button', { class: 'kuulo-button kuulo-primary kuulo-small', attrs: { type: 'submit' } }, [t.t('flood.confirmExclude')]);
    const no = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('flood.cancel')]);
    const form = el('form', {}, [
      el('p', { class: 'kuulo-hint' }, [t.t('flood.excludeExplain')]),
      el('label', { attrs: { for: inputId } }, [t.t('flood.reason')]),
      input,
      el('div', { class: 'kuulo-row' }, [yes, no]),
    ]);
    replaceChildren(box, [form]);
    action.hidden = true;
    input.focus();
    const close = () => {
      box.replaceChildren();
      action.hidden = false;
      action.focus();
    };
    no.addEventListener('click', close);
    form.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape') close();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      yes.disabled = true;
      void change(p, 'PUT', input.value, action).finally(() => (yes.disabled = false));
    });
  }

  async function change(p: ModeratedParticipant, method: 'PUT' | 'DELETE', reason: string, action: HTMLButtonElement): Promise<void> {
    action.disabled = true;
    try {
      const updated = await api.send<ModeratedParticipant>(method, `/participants/${p.pid}/exclusion`, method === 'PUT' ? { reason } : undefined, auth());
      const old = rows.get(p.pid);
      const row = participantRow(updated);
      rows.set(p.pid, row);
      shown.set(p.pid, JSON.stringify(updated));
      old?.replaceWith(row);
      // Focus stays on the participant: the new row's button, which now does the opposite.
      row.querySelector<HTMLButtonElement>('button[data-pid]')?.focus();
      announce(t.t(method === 'PUT' ? 'flood.done.excluded' : 'flood.done.included', { pid: String(p.pid) }));
      ctx.changed?.();
      const page = await api.get<ParticipantsPage>('/moderation/participants?flagged=true&limit=1', auth());
      summary.textContent = page.total === 0 ? t.t('flood.none') : t.t('flood.summary', { flagged: page.total, excluded: page.excluded });
    } catch (error) {
      action.disabled = false;
      status.textContent = errorMessage(error, t);
    }
  }

  more.addEventListener('click', () => {
    if (next === null) return;
    const last = list.lastElementChild;
    void load(next)
      .then(() => (last?.nextElementSibling?.querySelector<HTMLButtonElement>('button[data-pid]') ?? more).focus())
      .catch((error: unknown) => (status.textContent = errorMessage(error, t)));
  });
  refreshButton.addEventListener('click', () => void refresh().then(() => announce(t.t('flood.refreshed'))));

  replaceChildren(container, [
    el('section', { class: 'kuulo-card kuulo-flagged-card', attrs: { 'aria-labelledby': headingId } }, [
      el('h2', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('flood.title')]),
      el('p', { class: 'kuulo-hint' }, [t.t('flood.hint')]),
      el('div', { class: 'kuulo-row' }, [summary, refreshButton]),
      list,
      more,
      status,
    ]),
  ]);
  void refresh();
  return { refresh };
}
