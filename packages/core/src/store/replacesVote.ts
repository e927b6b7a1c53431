/**
 * Whether a vote at `time` replaces the cell's current vote at `current` when it arrives later:
 * yes unless both have a time (NaN = none) and the newcomer's is earlier. Equal times: arrival wins.
 */
export function replacesVote(time: number, current: number): boolean {
  return !(time === time && current === current && time < current);
}
