/**
 * Runs the calls given the same key one after another. A per-conversation cache that reads the
 * database, awaits, then updates itself must not interleave with a second call doing the same (it would
 * count the same new rows twice); calls with other keys run as before.
 */
export class OneAtATime<K> {
  readonly #tails = new Map<K, Promise<void>>();

  run<T>(key: K, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
