/**
 * Remembers each cell's derived statistics under the counts they were computed from, so a warm update
 * recomputes only the cells whose counts changed (the values are pure functions of the key, so always exact).
 * Slots are `col · width + g`, so appended columns keep the slots of the old ones.
 */
export class CellMemo {
  readonly keySize: number;
  readonly valueSize: number;
  /** Scratch key: fill it, then `lookup`. */
  readonly key: Float64Array;
  #width = -1;
  #slots = 0;
  #tag = '';
  #keys = new Float64Array(0);
  values = new Float64Array(0);

  constructor(keySize: number, valueSize: number) {
    this.keySize = keySize;
    this.valueSize = valueSize;
    this.key = new Float64Array(keySize);
  }

  /** Makes room for `nCols × width` cells; another width or `tag` (the numerics in force) forgets everything. */
  prepare(nCols: number, width: number, tag: string): void {
    if (width !== this.#width || tag !== this.#tag) {
      this.#width = width;
      this.#tag = tag;
      this.#slots = 0;
      this.#keys = new Float64Array(0);
      this.values = new Float64Array(0);
    }
    const slots = nCols * width;
    if (slots <= this.#slots) return;
    const capacity = Math.max(slots, Math.ceil(this.#slots * 1.25));
    const keys = new Float64Array(capacity * this.keySize).fill(-1);
    keys.set(this.#keys);
    const values = new Float64Array(capacity * this.valueSize);
    values.set(this.values);
    this.#keys = keys;
    this.values = values;
    this.#slots = capacity;
  }

  /**
   * Offset of the slot's values in `values`. When the slot holds another key, `fresh` is set: the caller
   * computes the values there, then calls `keep()` (not before, so a throw leaves no stale entry).
   */
  lookup(slot: number): number {
    const keys = this.#keys;
    const key = this.key;
    const at = slot * this.keySize;
    this.fresh = false;
    this.matched = key.length;
    for (let i = 0; i < key.length; i++) {
      if (keys[at + i] !== key[i]) {
        keys[at] = -1;
        this.fresh = true;
        this.matched = i;
        this.#pending = at;
        break;
      }
    }
    return slot * this.valueSize;
  }

  /** Stores the key of the last missed `lookup`, whose values are now computed. */
  keep(): void {
    this.#keys.set(this.key, this.#pending);
  }

  #pending = 0;

  /** Whether the last `lookup` missed. */
  fresh = false;

  /**
   * How many leading key entries the last `lookup` found as stored (the key size on a hit): values that depend
   * only on those entries are still valid on a miss.
   */
  matched = 0;
}

/** Memos for one conversation's statistics: repness cells, consensus columns, priority factors. */
export interface StatsMemo {
  repness: CellMemo;
  consensus: CellMemo;
  priorities: CellMemo;
}

export function statsMemo(): StatsMemo {
  return { repness: new CellMemo(6, 8), consensus: new CellMemo(3, 4), priorities: new CellMemo(3, 2) };
}
