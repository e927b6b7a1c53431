/**
 * Okabe–Ito colours (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the
 * common forms of colour blindness. https://jfly.uni-koeln.de/color/
 */
export const okabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Vote colours: agree and disagree take the green/vermillion pair, pass a neutral grey. */
export const voteColors = {
  agree: okabeIto.bluishGreen,
  disagree: okabeIto.vermillion,
  pass: '#BBBBBB',
} as const;

/**
 * Group colours, indexed by group id modulo the length. Green and vermillion are left out
 * because they mean agree and disagree in the bar charts.
 */
export const groupPalette: readonly string[] = [
  okabeIto.blue,
  okabeIto.orange,
  okabeIto.reddishPurple,
  okabeIto.skyBlue,
  okabeIto.black,
  okabeIto.yellow,
];

/** Colour of participants who are not in any group yet. */
export const ungroupedColor = '#8C8C8C';

/**
 * The colour of a group, keyed on its id (which core keeps with the same people across
 * updates), never on its position in `result.groups`, so colours stay put when groups persist.
 */
export function groupColor(id: number): string {
  if (!Number.isInteger(id) || id < 0) throw new Error(`groupColor: group id must be a non-negative integer, got ${id}`);
  return groupPalette[id % groupPalette.length] as string;
}
