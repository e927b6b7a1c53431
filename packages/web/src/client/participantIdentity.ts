import type { Participant } from './apiTypes';
import { safeStorage } from './safeStorage';

/**
 * Who the participant is: an embedding site's external id (xid), or the anonymous token the
 * server returned on the first vote, remembered on this device in localStorage.
 */
export interface ParticipantIdentity {
  readonly xid: string | undefined;
  /** Participant number, once known. */
  pid(): number | undefined;
  /** Headers that identify the participant (the token), if any. */
  headers(): Record<string, string>;
  /** Query string part for GET requests (`xid=…`), '' without an xid. */
  query(): string;
  /** Body fields that identify the participant (`xid`), if any. */
  body(): { xid?: string };
  /** Keeps the token and pid from a reply. */
  remember(participant: Participant): void;
  /** Drops a token the server no longer knows. */
  forget(): void;
  /** Whether a token is stored (a returning participant). */
  hasToken(): boolean;
}

interface Stored {
  token?: string;
  pid?: number;
}

export function participantIdentity(conversationId: string, xid?: string): ParticipantIdentity {
  const storage = safeStorage('local');
  // With an xid the embedding site identifies the person; tokens are only for anonymous visitors.
  const key = xid === undefined ? `kuulo.participant.${conversationId}` : `kuulo.participant.${conversationId}.xid.${xid}`;
  let stored: Stored = read();

  function read(): Stored {
    try {
      const value = JSON.parse(storage.getItem(key) ?? '{}') as Stored;
      return typeof value === 'object' && value !== null ? value : {};
    } catch {
      return {};
    }
  }

  return {
    xid,
    pid: () => stored.pid,
    headers: (): Record<string, string> => (xid === undefined && stored.token ? { 'x-participant-token': stored.token } : {}),
    query: () => (xid === undefined ? '' : `xid=${encodeURIComponent(xid)}`),
    body: () => (xid === undefined ? {} : { xid }),
    remember(participant) {
      stored = { ...stored, pid: participant.pid, ...(participant.token !== undefined && xid === undefined && { token: participant.token }) };
      storage.setItem(key, JSON.stringify(stored));
    },
    forget() {
      stored = {};
      storage.removeItem(key);
    },
    hasToken: () => stored.token !== undefined,
  };
}
