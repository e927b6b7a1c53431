import type { Translator } from '@kuulo/viz';
import { errorMessage } from './apiClient';

/** The parts of a settings form that report a save. */
export interface SaveUi {
  button: HTMLButtonElement;
  status: HTMLElement;
  t: Translator;
  /** Catalog key of the message once saved. */
  savedKey: string;
}

/**
 * Saves a form's change: "nothing changed" when it is empty, else "saving…" with the button disabled,
 * then the saved message (after `onSaved`) or the error in the reader's language.
 */
export function saveChange<C extends object, S>(change: C, ui: SaveUi, save: (change: C) => Promise<S>, onSaved: (saved: S) => void): void {
  const { button, status, t } = ui;
  if (Object.keys(change).length === 0) {
    status.textContent = t.t('settings.nothingChanged');
    return;
  }
  button.disabled = true;
  status.textContent = t.t('settings.saving');
  save(change)
    .then((saved) => {
      onSaved(saved);
      status.textContent = t.t(ui.savedKey);
    })
    .catch((error: unknown) => {
      status.textContent = errorMessage(error, t);
    })
    .finally(() => {
      button.disabled = false;
    });
}
