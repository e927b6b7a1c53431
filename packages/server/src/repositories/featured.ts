import type Database from 'better-sqlite3';
import { getSetting, setSetting } from './settings.js';

/** The start page's list lives in the settings table: one short list per server needs no table of its own. */
const key = 'featured_conversations';

/** Conversation ids featured on the start page, most recently featured first. */
export function listFeatured(db: Database.Database): string[] {
  const stored = getSetting(db, key);
  return stored === undefined ? [] : (JSON.parse(stored) as string[]);
}

/** Features a conversation (first on the start page) or takes it off; returns the new list. */
export function setFeatured(db: Database.Database, slug: string, featured: boolean): string[] {
  const rest = listFeatured(db).filter((id) => id !== slug);
  const next = featured ? [slug, ...rest] : rest;
  setSetting(db, key, JSON.stringify(next));
  return next;
}
