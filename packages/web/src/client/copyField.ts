/**
 * Copies a field's text to the clipboard, selecting it first: the clipboard API needs a secure context,
 * and without it (or when it refuses) the selected text can still be copied by hand.
 */
export function copyField(field: HTMLInputElement | HTMLTextAreaElement, copied: () => void, byHand: () => void): void {
  field.select();
  if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(copied, byHand);
  else byHand();
}
