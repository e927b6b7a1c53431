import type { KuuloEvent } from './apiTypes';

export type EventHandler = (event: KuuloEvent) => void;

const types: KuuloEvent['type'][] = ['math', 'math-error', 'statement', 'moderation', 'conversation', 'uncertainty-progress', 'uncertainty', 'uncertainty-error'];

/** A refused stream (429/503: the server's stream caps) is tried again after about this long. */
const refusedRetryMs = 30_000;

/**
 * Subscribes to the conversation's Server-Sent Events. EventSource reconnects by itself after a
 * dropped connection, but gives up on a refused one (the server's stream caps answer 429 or 503):
 * then this opens a new one after about 30 s. The server sends the current math tick first on every
 * (re)connect, so nothing is missed for long. Returns a function that closes the stream.
 */
export function eventStream(url: string, handler: EventHandler, onConnection?: (open: boolean) => void): () => void {
  let source: EventSource;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const listener = (message: MessageEvent<string>): void => {
    let event: KuuloEvent;
    try {
      event = JSON.parse(message.data) as KuuloEvent;
    } catch {
      return;
    }
    handler(event);
  };
  const connect = (): void => {
    source = new EventSource(url);
    for (const type of types) source.addEventListener(type, listener as EventListener);
    source.addEventListener('open', () => onConnection?.(true));
    source.addEventListener('error', () => {
      onConnection?.(source.readyState === EventSource.OPEN);
      // Jitter spreads the retries of many refused pages.
      if (source.readyState === EventSource.CLOSED && !stopped) retry = setTimeout(connect, refusedRetryMs * (0.5 + Math.random()));
    });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source.close();
  };
}
