/**
 * localStorage / sessionStorage that never throws: private modes and sandboxed frames refuse
 * storage, and the page must still work (it just forgets on reload).
 */
export function safeStorage(kind: 'local' | 'session'): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  let storage: Storage | null = null;
  try {
    storage = kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    storage = null;
  }
  return {
    getItem: (key) => {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    setItem: (key, value) => {
      try {
        storage?.setItem(key, value);
      } catch {
        // Full or refused: keep going without persistence.
      }
    },
    removeItem: (key) => {
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing to remove.
      }
    },
  };
}
