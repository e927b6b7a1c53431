/** What subscribers of a conversation's event stream receive. */
export type KuuloEvent =
  | { type: 'math'; tick: number }
  | { type: 'math-error'; message: string }
  | { type: 'statement'; statementId: number; moderation: 'pending' | 'accepted' | 'rejected' }
  | { type: 'moderation'; statementId: number; moderation: 'pending' | 'accepted' | 'rejected'; isMeta: boolean }
  | { type: 'conversation'; open: boolean };

export type Listener = (event: KuuloEvent) => void;

/** In-process publish/subscribe per conversation (one server process). */
export class EventBus {
  readonly #listeners = new Map<number, Set<Listener>>();

  subscribe(conversationId: number, listener: Listener): () => void {
    let set = this.#listeners.get(conversationId);
    if (!set) this.#listeners.set(conversationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(conversationId);
    };
  }

  publish(conversationId: number, event: KuuloEvent): void {
    for (const listener of this.#listeners.get(conversationId) ?? []) listener(event);
  }

  count(conversationId: number): number {
    return this.#listeners.get(conversationId)?.size ?? 0;
  }
}
