// Small non-negative integer ids (Polis pids/tids) are looked up in a typed array; anything else in a Map.
const DIRECT_LIMIT = 1 << 26;

/** Maps external ids (string or number) to dense indices 0, 1, 2, … in first-appearance order. */
export class IdIndex<Id extends string | number> {
  readonly ids: Id[] = [];
  #direct = new Int32Array(0);
  #other = new Map<Id, number>();

  get size(): number {
    return this.ids.length;
  }

  /** The dense index of `id`, or −1 when it has not been seen. */
  get(id: Id): number {
    if (typeof id === 'number' && id >= 0 && id < DIRECT_LIMIT && Number.isInteger(id)) {
      return id < this.#direct.length ? this.#direct[id]! - 1 : -1;
    }
    return this.#other.get(id) ?? -1;
  }

  /** The dense index of `id`, assigning the next index when it is new. */
  intern(id: Id): number {
    if (typeof id === 'number' && id >= 0 && id < DIRECT_LIMIT && Number.isInteger(id)) {
      if (id >= this.#direct.length) this.#growDirect(id);
      const stored = this.#direct[id]!;
      if (stored !== 0) return stored - 1;
      this.ids.push(id);
      this.#direct[id] = this.ids.length; // stored +1 so that 0 means absent
      return this.ids.length - 1;
    }
    let index = this.#other.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.#other.set(id, index);
    }
    return index;
  }

  /** `intern` of every id in `ids`, written to `out` from `at`: the array lookup runs inline for small integer ids. */
  internAll(ids: ArrayLike<Id>, out: Int32Array, at: number): void {
    let direct = this.#direct;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // (id | 0) === id: an integer in int32 range; direct.length is at most DIRECT_LIMIT.
      if (typeof id === 'number' && id >= 0 && id < direct.length && (id | 0) === id) {
        const stored = direct[id]!;
        if (stored !== 0) {
          out[at + i] = stored - 1;
          continue;
        }
      }
      out[at + i] = this.intern(id);
      direct = this.#direct;
    }
  }

  /**
   * A copy in shared memory of the table of small integer ids (index + 1, 0 = not seen), for another
   * thread to look ids up; null when it is longer than `limit` (copying it would not pay).
   */
  directSnapshot(limit: number): Int32Array | null {
    if (this.#direct.length > limit) return null;
    const copy = new Int32Array(new SharedArrayBuffer(4 * this.#direct.length));
    copy.set(this.#direct);
    return copy;
  }

  #growDirect(id: number): void {
    const grown = new Int32Array(Math.min(DIRECT_LIMIT, Math.max(id + 1, this.#direct.length * 2, 1024)));
    grown.set(this.#direct);
    this.#direct = grown;
  }
}
