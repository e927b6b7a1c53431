/** Length of the buckets activity is counted in. */
export type BucketSize = 'hour' | 'day';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA time zone this runtime knows (e.g. Europe/Helsinki, UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time in `timeZone` at instant `t`, as if it were UTC (ms, to the minute). */
function wallClock(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatIn(timeZone).formatToParts(t)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
}

const offset = (t: number, timeZone: string): number => wallClock(t, timeZone) - (t - (((t % 60_000) + 60_000) % 60_000));
const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** The instant the local hour or day holding `t` began in `timeZone` (local midnight for days, DST included). */
export function bucketStart(t: number, bucket: BucketSize, timeZone: string): number {
  const wall = wallClock(t, timeZone);
  const size = bucket === 'hour' ? hourMs : dayMs;
  const startWall = wall - (((wall % size) + size) % size);
  // The offset at the start can differ from the offset at t when a DST change falls in between.
  return startWall - offset(startWall - offset(t, timeZone), timeZone);
}

/** The start of the next local hour or day after the bucket starting at `start` (days last 23–25 hours around DST). */
export function nextBucketStart(start: number, bucket: BucketSize, timeZone: string): number {
  return bucket === 'hour' ? bucketStart(start + hourMs, 'hour', timeZone) : bucketStart(start + 1.5 * dayMs, 'day', timeZone);
}
