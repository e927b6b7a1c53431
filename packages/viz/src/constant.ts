/** Wraps a value in a function that returns it, so accessors can be called uniformly. */
export function constant<T>(value: T): () => T {
  return () => value;
}
