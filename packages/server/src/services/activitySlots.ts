import type { Db } from '../db/db.js';
import { statementSlots, voteSlotsAfter, type ActivitySlot } from '../repositories/activity.js';
import { OneAtATime } from './oneAtATime.js';

interface VoteCounts {
  /** Conversation row ids can be reused after a deletion: the creation time tells them apart. */
  createdAt: number;
  lastVoteId: number;
  /** Votes by `slot:pid`. */
  votes: Map<string, ActivitySlot>;
}

/** Conversations whose vote counts are kept between requests, most recently asked last. */
const keep = 16;
const caches = new WeakMap<Db, Map<number, VoteCounts>>();

/**
 * Every slot's activity of a conversation, sorted by slot: the vote counts are kept in memory per
 * conversation and brought up to date with the votes since the last request only (a debate of a
 * million votes costs its new votes, not a full scan); statements are few and counted afresh.
 */
export function activitySlots(db: Db, conversation: { id: number; createdAt: number }, slotMs: number): Promise<ActivitySlot[]> {
  return updates.run(conversation.id, () => updatedSlots(db, conversation, slotMs));
}

const updates = new OneAtATime<number>();

async function updatedSlots(db: Db, conversation: { id: number; createdAt: number }, slotMs: number): Promise<ActivitySlot[]> {
  let byConversation = caches.get(db.root);
  if (!byConversation) caches.set(db.root, (byConversation = new Map()));
  let counts = byConversation.get(conversation.id);
  if (!counts || counts.createdAt !== conversation.createdAt) counts = { createdAt: conversation.createdAt, lastVoteId: 0, votes: new Map() };
  byConversation.delete(conversation.id);
  byConversation.set(conversation.id, counts);
  if (byConversation.size > keep) byConversation.delete(byConversation.keys().next().value!);

  const fresh = await voteSlotsAfter(db, conversation.id, slotMs, counts.lastVoteId);
  for (const row of fresh.slots) {
    const key = `${row.slot}:${row.pid}`;
    const known = counts.votes.get(key);
    if (known) known.votes += row.votes;
    else counts.votes.set(key, { ...row });
  }
  counts.lastVoteId = fresh.lastId;
  return [...counts.votes.values(), ...await statementSlots(db, conversation.id, slotMs)].sort((a, b) => a.slot - b.slot);
}
