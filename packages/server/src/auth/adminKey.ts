import type { Db } from '../db/db.js';
import { getSetting, setSetting } from '../repositories/settings.js';
import { generateKey, hashKey } from './keys.js';

/**
 * The admin key's hash. A configured key replaces the stored one; with none configured and none
 * stored, a key is generated and returned once in `created` so the caller can print it.
 */
export async function ensureAdminKey(db: Db, configured: string | undefined): Promise<{ hash: string; created?: string }> {
  if (configured !== undefined) {
    const hash = hashKey(configured);
    await setSetting(db, 'admin_key_hash', hash);
    return { hash };
  }
  const stored = await getSetting(db, 'admin_key_hash');
  if (stored !== undefined) return { hash: stored };
  const created = generateKey('admin');
  const hash = hashKey(created);
  await setSetting(db, 'admin_key_hash', hash);
  return { hash, created };
}
