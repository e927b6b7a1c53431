import type { Db } from '../db/db.js';
import { getSetting, setSetting } from './settings.js';

/** The start page's list lives in the settings table: one short list per server needs no table of its own. */
const key = 'featured_conversations';

/** Conversation ids featured on the start page, most recently featured first. */
export async function listFeatured(db: Db): Promise<string[]> {
  const stored = await getSetting(db, key);
  return stored === undefined ? [] : (JSON.parse(stored) as string[]);
}

/** Features a conversation (first on the start page) or takes it off; returns the new list. */
export async function setFeatured(db: Db, slug: string, featured: boolean): Promise<string[]> {
  const rest = (await listFeatured(db)).filter((id) => id !== slug);
  const next = featured ? [slug, ...rest] : rest;
  await setSetting(db, key, JSON.stringify(next));
  return next;
}
