// A text cell that starts with one of these is run as a formula by Excel, LibreOffice and Google
// Sheets (OWASP "CSV injection"); tab and carriage return are on OWASP's list too.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): numbers as they are, text quoted when it holds a comma, quote, line
 * break or edge space. Text that a spreadsheet would read as a formula gets a leading `'`, so a
 * statement like `=HYPERLINK(...)` shows as text; numbers (e.g. −1) are never prefixed.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no line break) of the given cells. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
