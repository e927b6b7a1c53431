// A text cell that starts with one of these is run as a formula by Excel, LibreOffice and Google
// Sheets (OWASP "CSV injection"); tab and carriage return are on OWASP's list too.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. Text
 * that a spreadsheet would run as a formula gets a leading `'` unless `raw`; numbers (votes are
 * −1) are never prefixed. The CLI's csvCell does the same; the server keeps its own copy.
 */
export function csvField(value: string | number | null | undefined, raw = false): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : raw || !formulaStart.test(value) ? value : `'${value}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line from fields; text is neutralised against formulas unless `raw`. */
export function csvLine(fields: readonly (string | number | null | undefined)[], raw = false): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i], raw);
  return line + '\n';
}
