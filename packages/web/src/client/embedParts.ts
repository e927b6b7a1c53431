/** Parts of the participation view an embed can show: vote, write, the opinion map, the link to the results (report). */
export const embedParts = ['voting', 'writing', 'map', 'results'] as const;
export type EmbedPart = (typeof embedParts)[number];

/**
 * The parts named in a `parts` attribute or `?parts=` value ("voting map", "voting,map"); none
 * named means all. Unknown names are left out with a warning naming them (a typo should not blank the embed).
 */
export function parseEmbedParts(value: string | null | undefined, where = 'parts'): ReadonlySet<EmbedPart> {
  const names = (value ?? '').split(/[\s,]+/).filter((name) => name !== '');
  const known = new Set<EmbedPart>();
  for (const name of names) {
    if ((embedParts as readonly string[]).includes(name)) known.add(name as EmbedPart);
    else console.warn(`kuulo: unknown part "${name}" in ${where}="${value}" (known: ${embedParts.join(', ')})`);
  }
  return known.size > 0 ? known : new Set(embedParts);
}

/** The `parts` value for a set of parts, '' when it is all of them (the default needs no attribute). */
export function formatEmbedParts(parts: ReadonlySet<EmbedPart>): string {
  return embedParts.every((part) => parts.has(part)) ? '' : embedParts.filter((part) => parts.has(part)).join(' ');
}
