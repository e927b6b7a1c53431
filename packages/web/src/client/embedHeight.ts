/** The message an embed posts to its host whenever its height changes. */
export interface KuuloHeightMessage {
  type: 'kuulo:height';
  conversation: string;
  /** CSS pixels the content needs, so the host can size the frame without guessing. */
  height: number;
}

/**
 * Reports `element`'s height to `send` now and whenever it changes (a ResizeObserver, so a new
 * statement, a drawn map or a closed disclosure all count). Returns a function that stops it.
 */
export function watchHeight(element: Element, send: (height: number) => void): () => void {
  let last = -1;
  const report = (): void => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    send(height);
  };
  const observer = new ResizeObserver(report);
  observer.observe(element);
  report();
  return () => observer.disconnect();
}

/** Posts the height to the window that frames this one, if any (any origin may listen: a height is no secret). */
export function postHeightToParent(conversation: string, height: number): void {
  if (window.parent === window) return;
  const message: KuuloHeightMessage = { type: 'kuulo:height', conversation, height };
  window.parent.postMessage(message, '*');
}
