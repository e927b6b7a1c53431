/** The longest xid the server takes (its xidMaxLength). */
export const xidMaxLength = 256;

/** Why a line of an allow-list file was refused: its line number (from 1) and its text. */
export interface XidListProblem {
  line: number;
  value: string;
  reason: 'tooLong' | 'control';
}

/**
 * The xids in an allow-list file: one per line, or the first column of a CSV (quotes removed).
 * Blank lines and a header line `xid` are skipped, repeats kept once. Stops at the first bad line.
 */
export function parseXidList(text: string): { xids: string[]; problem: XidListProblem | null } {
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (const [i, raw] of lines.entries()) {
    let value = raw.trim();
    // CSV: the first column, with its quotes (and doubled quotes inside) undone.
    if (value.startsWith('"')) value = quotedCell(value);
    else if (value.includes(',')) value = value.slice(0, value.indexOf(',')).trim();
    if (value === '' || (i === 0 && value.toLowerCase() === 'xid')) continue;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(value)) return { xids: [...seen], problem: { line: i + 1, value, reason: 'control' } };
    if (value.length > xidMaxLength) return { xids: [...seen], problem: { line: i + 1, value, reason: 'tooLong' } };
    seen.add(value);
  }
  return { xids: [...seen], problem: null };
}

/** The first cell of a CSV line that starts with a quote: up to the closing quote, `""` read as `"`. */
function quotedCell(line: string): string {
  let out = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (c !== '"') out += c;
    else if (line[i + 1] === '"') {
      out += '"';
      i++;
    } else break;
  }
  return out;
}
