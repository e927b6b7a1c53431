type TypedArray = Int32Array | Int8Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** A typed array that doubles its capacity on demand, for append-only buffers. */
export class GrowableArray<T extends TypedArray> {
  data: T;
  length = 0;
  readonly #make: TypedArrayConstructor<T>;

  constructor(make: TypedArrayConstructor<T>, capacity = 1024) {
    this.#make = make;
    this.data = new make(capacity);
  }

  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.data.length) return;
    const grown = new this.#make(Math.max(needed, this.data.length * 2));
    grown.set(this.data as never);
    this.data = grown;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  /** The filled part, as a view (no copy). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  clear(): void {
    this.length = 0;
  }
}
