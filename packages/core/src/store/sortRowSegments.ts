import { dispatch, type MathHelper } from '../helper/mathHelper.js';
// Segments up to this length are insertion-sorted; longer ones get a counting or radix sort (linear, not O(k²)).
const INSERTION_MAX = 32;

/**
 * Sorts each segment `[start[j], start[j+1])` of `col` (all columns ≤ `maxCol`) ascending, stably
 * (equal columns keep their order), moving `value` and `time` along. A long segment gets one
 * counting pass over all columns when there are fewer than 4 × its length of them, else an LSD radix
 * sort with digits of at most 8 bits; either way one read counts every pass and spots sorted segments.
 */
export function sortRowSegments(col: Int32Array, value: Int8Array, time: Float64Array | null, start: Int32Array, maxCol: number): void {
  const bits = Math.max(1, 32 - Math.clz32(maxCol));
  const passes = Math.ceil(bits / 8);
  const digit = Math.ceil(bits / passes);
  const mask = (1 << digit) - 1;
  const counts = new Int32Array(Math.max(2, passes) << 8);
  let buckets: Int32Array | null = null;
  let scratch = { col: new Int32Array(0), value: new Int8Array(0), time: new Float64Array(0) };
  for (let j = 0; j + 1 < start.length; j++) {
    const from = start[j]!;
    const to = start[j + 1]!;
    const k = to - from;
    if (k <= INSERTION_MAX) {
      if (k > 1) insertionSort(col, value, time, from, to);
      continue;
    }
    if (scratch.col.length < k) scratch = { col: new Int32Array(2 * k), value: new Int8Array(2 * k), time: new Float64Array(time ? 2 * k : 0) };
    if (maxCol < 4 * k) countingSort(col, value, time, from, to, (buckets ??= new Int32Array(maxCol + 1)), scratch);
    else radixSort(col, value, time, from, to, counts, passes, digit, mask, scratch);
  }
}

/**
 * `sortRowSegments`, with a `helper` thread (when every array is shared memory) sorting the segments
 * that hold the second half of the votes: segments are independent, so the result is the same.
 */
export function sortRowSegmentsShared(col: Int32Array, value: Int8Array, time: Float64Array | null, start: Int32Array, maxCol: number, helper: MathHelper | null | undefined): void {
  const last = start.length - 1;
  if (helper == null || last < 2) return sortRowSegments(col, value, time, start, maxCol);
  const half = (start[0]! + start[last]!) / 2;
  let mid = 1;
  while (mid < last - 1 && start[mid]! < half) mid++;
  const second = start.subarray(mid);
  const wait = dispatch(helper, { kind: 'sortRows', col, value, time, start: second, maxCol }, () => sortRowSegments(col, value, time, second, maxCol));
  sortRowSegments(col, value, time, start.subarray(0, mid + 1), maxCol);
  wait();
}

type Scratch = { col: Int32Array; value: Int8Array; time: Float64Array };

function countingSort(col: Int32Array, value: Int8Array, time: Float64Array | null, from: number, to: number, buckets: Int32Array, scratch: Scratch): void {
  buckets.fill(0);
  let sorted = true;
  let max = 0;
  for (let i = from, prev = -1; i < to; i++) {
    const c = col[i]!;
    if (c < prev) sorted = false;
    if (c > max) max = c;
    prev = c;
    buckets[c]!++;
  }
  if (sorted) return;
  for (let c = 0, sum = from; c <= max; c++) {
    const n = buckets[c]!;
    buckets[c] = sum;
    sum += n;
  }
  const k = to - from;
  scratch.col.set(col.subarray(from, to));
  scratch.value.set(value.subarray(from, to));
  if (time) scratch.time.set(time.subarray(from, to));
  for (let i = 0; i < k; i++) {
    const c = scratch.col[i]!;
    const at = buckets[c]!++;
    col[at] = c;
    value[at] = scratch.value[i]!;
    if (time) time[at] = scratch.time[i]!;
  }
}

function radixSort(col: Int32Array, value: Int8Array, time: Float64Array | null, from: number, to: number, counts: Int32Array, passes: number, digit: number, mask: number, scratch: Scratch): void {
  // Histograms of every digit at once: they do not depend on the order the passes leave.
  counts.fill(0);
  let sorted = true;
  for (let i = from, prev = -1; i < to; i++) {
    const c = col[i]!;
    if (c < prev) sorted = false;
    prev = c;
    counts[c & mask]!++;
    counts[256 | ((c >>> digit) & mask)]!++;
  }
  // Columns of more than 16 bits need more digits.
  for (let d = 2, shift = 2 * digit; d < passes; d++, shift += digit) {
    for (let i = from; i < to; i++) counts[(d << 8) | ((col[i]! >>> shift) & mask)]!++;
  }
  if (sorted) return;
  const k = to - from;
  // Ping-pong between the segment (at `from`) and the scratch buffers (at 0).
  let srcCol: Int32Array = col, srcValue: Int8Array = value, srcTime: Float64Array | null = time, src = from;
  let dstCol: Int32Array = scratch.col, dstValue: Int8Array = scratch.value, dstTime: Float64Array | null = time ? scratch.time : null, dst = 0;
  for (let d = 0, shift = 0; d < passes; d++, shift += digit) {
    const base = d << 8;
    for (let b = 0, sum = dst; b <= mask; b++) {
      const n = counts[base + b]!;
      counts[base + b] = sum;
      sum += n;
    }
    for (let i = src; i < src + k; i++) {
      const c = srcCol[i]!;
      const at = counts[base + ((c >>> shift) & mask)]!++;
      dstCol[at] = c;
      dstValue[at] = srcValue[i]!;
      if (dstTime) dstTime[at] = srcTime![i]!;
    }
    const c = srcCol, v = srcValue, t = srcTime, s = src;
    srcCol = dstCol, srcValue = dstValue, srcTime = dstTime, src = dst;
    dstCol = c, dstValue = v, dstTime = t, dst = s;
  }
  if (srcCol !== col) {
    col.set(srcCol.subarray(0, k), from);
    value.set(srcValue.subarray(0, k), from);
    if (time) time.set(srcTime!.subarray(0, k), from);
  }
}

function insertionSort(col: Int32Array, value: Int8Array, time: Float64Array | null, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const c = col[i]!;
    if (col[i - 1]! <= c) continue;
    const v = value[i]!;
    const t = time ? time[i]! : 0;
    let j = i - 1;
    while (j >= from && col[j]! > c) {
      col[j + 1] = col[j]!;
      value[j + 1] = value[j]!;
      if (time) time[j + 1] = time[j]!;
      j--;
    }
    col[j + 1] = c;
    value[j + 1] = v;
    if (time) time[j + 1] = t;
  }
}
