import { constant } from './constant';
import type { GroupResult } from '@kuulo/core';
import { groupColor } from './palette';

/** The `groupColor` option: a constant colour or a function of the group. */
export type GroupColorOption = string | ((group: GroupResult) => string);

/** Normalizes the `groupColor` option once; the default keys the Okabe–Ito palette on group id. */
export function groupColorAccessor(option: GroupColorOption | undefined): (group: GroupResult) => string {
  if (option === undefined) return (g) => groupColor(g.id);
  if (typeof option === 'function') return option;
  if (typeof option === 'string') return constant(option);
  throw new Error(`groupColor must be a colour string or a function of the group, got ${typeof option}`);
}
