/** Whether an If-None-Match header matches the current ETag (weak comparison, `*` matches all). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/**
 * Sets the ETag of a math document (`"<prefix>-<tick>"`, revalidated on every use) and tells
 * whether the client's copy is current, in which case the caller answers 304.
 */
export function isMathCurrent(
  request: { headers: { 'if-none-match'?: string } },
  reply: { header(name: string, value: string): unknown },
  prefix: string,
  tick: number | string,
): boolean {
  const etag = `"${prefix}-${tick}"`;
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  return etagMatches(request.headers['if-none-match'], etag);
}
