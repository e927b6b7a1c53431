import type { KuuloEvent } from './apiTypes';

export type EventHandler = (event: KuuloEvent) => void;

const types: KuuloEvent['type'][] = ['math', 'math-error', 'statement', 'moderation', 'conversation', 'uncertainty-progress', 'uncertainty', 'uncertainty-error'];

/**
 * Subscribes to the conversation's Server-Sent Events. EventSource reconnects by itself; the
 * server sends the current math tick first on every (re)connect, so nothing is missed for long.
 * Returns a function that closes the stream.
 */
export function eventStream(url: string, handler: EventHandler, onConnection?: (open: boolean) => void): () => void {
  const source = new EventSource(url);
  const listener = (message: MessageEvent<string>): void => {
    let event: KuuloEvent;
    try {
      event = JSON.parse(message.data) as KuuloEvent;
    } catch {
      return;
    }
    handler(event);
  };
  for (const type of types) source.addEventListener(type, listener as EventListener);
  source.addEventListener('open', () => onConnection?.(true));
  source.addEventListener('error', () => onConnection?.(source.readyState === EventSource.OPEN));
  return () => source.close();
}
