/** "Updated 14:03:12 (update 5)": when the shown math was computed, in the reader's locale. */
export function updatedAt(computedAt: number, tick: number): string {
  const time = new Date(computedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `Updated ${time} (update ${tick})`;
}
