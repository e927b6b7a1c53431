import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStream } from '../../src/client/eventStream.js';

/** Just enough EventSource: the test drives its state and events. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: unknown = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  FakeEventSource.made = [];
});

describe('eventStream(url, handler)', () => {
  it('opens a new stream about 30 s after the server refused one (EventSource gives up by itself), and stops when closed', () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    const seen: unknown[] = [];
    const stop = eventStream('/api/v1/conversations/c/events', (event) => seen.push(event));
    const [first] = FakeEventSource.made;
    // A refused stream (429/503) ends CLOSED; a dropped one is CONNECTING again and EventSource retries it.
    first!.readyState = FakeEventSource.CONNECTING;
    first!.emit('error');
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(1);
    first!.readyState = FakeEventSource.CLOSED;
    first!.emit('error');
    vi.advanceTimersByTime(14_000);
    expect(FakeEventSource.made).toHaveLength(1);
    vi.advanceTimersByTime(31_000);
    expect(FakeEventSource.made).toHaveLength(2);
    FakeEventSource.made[1]!.emit('math', { data: '{"type":"math","tick":4}' });
    expect(seen).toEqual([{ type: 'math', tick: 4 }]);
    FakeEventSource.made[1]!.readyState = FakeEventSource.CLOSED;
    FakeEventSource.made[1]!.emit('error');
    stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(2);
  });
});
