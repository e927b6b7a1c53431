import type { BaseType, Selection } from 'd3';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelection<E extends BaseType, D> = Selection<E, D, any, any>;

/**
 * The selection itself, or a transition of it when `duration` > 0. Transitions share the
 * attr/style/remove calls used here, so marks write one code path for both.
 */
export function animate<E extends BaseType, D>(selection: AnySelection<E, D>, duration: number): AnySelection<E, D> {
  return duration > 0 ? (selection.transition().duration(duration) as unknown as AnySelection<E, D>) : selection;
}
