/** What subscribers of a conversation's event stream receive. */
export type KuuloEvent =
  | { type: 'math'; tick: number }
  | { type: 'math-error'; message: string }
  | { type: 'statement'; statementId: number; moderation: 'pending' | 'accepted' | 'rejected' }
  | { type: 'moderation'; statementId: number; moderation: 'pending' | 'accepted' | 'rejected'; isMeta: boolean }
  | { type: 'conversation'; open: boolean; mode: 'polis' | 'stable'; bridging: 'auto' | 'on' | 'off' }
  /** A bootstrap job's progress on math tick `tick`: `done` of `total` resamples (0 when it starts). */
  | { type: 'uncertainty-progress'; tick: number; done: number; total: number }
  /** A bootstrap job stored its uncertainty for math tick `tick`: GET math now carries it while that tick is current. */
  | { type: 'uncertainty'; tick: number }
  | { type: 'uncertainty-error'; tick: number; message: string };

export type Listener = (event: KuuloEvent) => void;

/**
 * Publish/subscribe per conversation for this process's event streams. With several instances a relay
 * (cluster/postgresCluster.ts) hands what this one publishes to the others, and theirs come in by `deliver`.
 */
export class EventBus {
  readonly #listeners = new Map<number, Set<Listener>>();
  #relay: ((conversationId: number, event: KuuloEvent) => void) | undefined;

  /** Where published events also go (the other instances). */
  relayTo(relay: (conversationId: number, event: KuuloEvent) => void): void {
    this.#relay = relay;
  }

  /** The conversations that have listeners here (the ones whose news this instance needs). */
  conversations(): number[] {
    return [...this.#listeners.keys()];
  }

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
    this.deliver(conversationId, event);
    this.#relay?.(conversationId, event);
  }

  /** An event to this process's listeners only (one that came from another instance). */
  deliver(conversationId: number, event: KuuloEvent): void {
    for (const listener of this.#listeners.get(conversationId) ?? []) listener(event);
  }

  count(conversationId: number): number {
    return this.#listeners.get(conversationId)?.size ?? 0;
  }
}
