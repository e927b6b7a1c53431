import { describe, expect, test } from 'vitest';
import { listModerationLog } from '../../src/repositories/moderationLog.js';
import { findConversation } from '../../src/repositories/conversations.js';
import { createConversation, sharedApp, type TestApp } from '../helper.js';

const shared = sharedApp();

/** A strictly moderated conversation with these statements written by participants (one each), pending. */
async function withStatements(texts: readonly string[]) {
  const t = shared();
  const c = await createConversation(t, { strictModeration: true, languages: ['en', 'fi', 'sv'] });
  const ids: number[] = [];
  for (const [i, text] of texts.entries()) {
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${c.id}/statements`, auth: null, payload: { text, xid: `writer-${i}` } });
    if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
    ids.push(res.json().statement.id as number);
  }
  const queue = async (qs: string) => (await t.call({ method: 'GET', url: `/api/v1/conversations/${c.id}/moderation/queue${qs}`, auth: c.moderatorKey })).json();
  const bulk = (payload: object, auth: string | null = c.moderatorKey) => t.call({ method: 'POST', url: `/api/v1/conversations/${c.id}/moderation/bulk`, auth, payload });
  return { t, ...c, ids, queue, bulk };
}

const idsOf = (page: { items: { id: number }[] }) => page.items.map((s) => s.id);

async function voteOn(t: TestApp, id: string, statementId: number, voters: number): Promise<void> {
  for (let v = 0; v < voters; v++) {
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId, vote: 'agree', xid: `voter-${v}` } });
  }
}

describe('GET …/moderation/queue: search, filter, sort', () => {
  test('q finds statements by every word in any case, by a word of a translation, and by number', async () => {
    const { t, id, moderatorKey, ids, queue } = await withStatements(['Lisää PYÖRÄTELINEITÄ asemalle.', 'More bike racks at the station.', 'Fewer cars in the centre.', 'Ännu fler cykelställ vid stationen.']);
    expect(idsOf(await queue('?q=pyörätelineitä'))).toEqual([ids[0]]);
    expect(idsOf(await queue('?q=' + encodeURIComponent('BIKE station')))).toEqual([ids[1]]);
    expect(idsOf(await queue('?q=' + encodeURIComponent('ännu')))).toEqual([ids[3]]);
    expect((await queue('?q=bike%20bus')).total).toBe(0);
    expect(idsOf(await queue(`?q=${encodeURIComponent(`#${ids[2]}`)}`))).toEqual([ids[2]]);
    // A translation is searched too.
    const put = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${ids[2]}/translations/fi`, auth: moderatorKey, payload: { text: 'Vähemmän autoja keskustaan.' } });
    expect(put.statusCode).toBe(200);
    expect(idsOf(await queue('?q=autoja'))).toEqual([ids[2]]);
  });

  test('sort newest and votes, paging with offset in any order and with after in id order', async () => {
    const { t, id, ids, queue } = await withStatements(['One', 'Two', 'Three', 'Four', 'Five']);
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    // Strict moderation: statements are votable once accepted.
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderation/bulk`, payload: { statementIds: ids, moderation: 'accepted' } });
    await voteOn(t, id, c, 3);
    await voteOn(t, id, e, 2);
    expect(idsOf(await queue('?state=accepted&sort=newest'))).toEqual([e, d, c, b, a]);
    // Authors' own agree votes count too: every statement starts with 1.
    expect(idsOf(await queue('?state=accepted&sort=votes'))).toEqual([c, e, a, b, d]);
    const first = await queue('?state=accepted&sort=newest&limit=2');
    expect([idsOf(first), first.next, first.nextOffset, first.total]).toEqual([[e, d], null, 2, 5]);
    const last = await queue('?state=accepted&sort=newest&limit=2&offset=4');
    expect([idsOf(last), last.nextOffset]).toEqual([[a], null]);
    const byId = await queue(`?state=accepted&limit=2&after=${b}`);
    expect([idsOf(byId), byId.next, byId.nextOffset]).toEqual([[c, d], d, 4]);
    const wrong = await queue('?sort=votes&after=1');
    expect(wrong).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(wrong.message).toContain("querystring/after pages the 'oldest' order only, not sort 'votes'");
    expect((await queue('?sort=loudest')).code).toBe('VALIDATION_FAILED');
  });

  test("state 'flagged' is accepted and each item carries its author's flags", async () => {
    const { queue } = await withStatements(['Quiet proposal']);
    const page = await queue('?state=flagged');
    expect(page.items.every((s: { authorFlags: unknown[] }) => Array.isArray(s.authorFlags))).toBe(true);
    expect((await queue('')).items[0].authorFlags).toEqual([]);
  });
});

describe('POST …/moderation/bulk', () => {
  test('rejects 50 statements at once, logs each change and publishes no error', async () => {
    const texts = Array.from({ length: 60 }, (_, i) => `Proposal number ${i} for the square`);
    const { t, id, ids, queue, bulk } = await withStatements(texts);
    const chosen = ids.slice(5, 55);
    const res = await bulk({ statementIds: chosen, moderation: 'rejected' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.changed).toEqual(chosen);
    expect(body.items.map((s: { moderation: string }) => s.moderation)).toEqual(chosen.map(() => 'rejected'));
    expect((await queue('?state=rejected')).total).toBe(50);
    expect((await queue('')).total).toBe(10);
    // Again: nothing left to change, nothing logged twice.
    expect((await bulk({ statementIds: chosen, moderation: 'rejected' })).json().changed).toEqual([]);
    const conversationId = (await findConversation(t.app.db, id))!.id;
    const log = await listModerationLog(t.app.db, conversationId, { limit: 500 });
    expect(log).toHaveLength(50);
    expect(log[0]).toMatchObject({ actor: 'moderator', action: 'statement.reject', target: `statement:${chosen[0]}`, detail: { from: 'pending', bulk: 50 } });
  });

  test('accepts as meta, and the admin key is logged as admin', async () => {
    const { t, id, ids, queue, bulk } = await withStatements(['Is this anonymous?', 'Who reads this?']);
    const res = await bulk({ statementIds: ids, moderation: 'accepted', isMeta: true }, null);
    expect(res.json()).toMatchObject({ statusCode: 401, code: 'AUTH_REQUIRED' });
    const admin = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderation/bulk`, payload: { statementIds: ids, moderation: 'accepted', isMeta: true } });
    expect(admin.json().changed).toEqual(ids);
    expect(idsOf(await queue('?state=meta'))).toEqual(ids);
    const log = await listModerationLog(t.app.db, (await findConversation(t.app.db, id))!.id, { limit: 10 });
    expect(log.map((e) => [e.actor, e.action, (e.detail as { isMeta?: boolean }).isMeta])).toEqual(ids.map(() => ['admin', 'statement.accept', true]));
  });

  test('single changes are logged like bulk ones, and a change to the same state is not', async () => {
    const { t, id, moderatorKey, ids } = await withStatements(['Open the sauna all year.', 'Is this anonymous?']);
    const patch = (tid: number, payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, auth: moderatorKey, payload });
    expect((await patch(ids[0]!, { moderation: 'accepted' })).statusCode).toBe(200);
    expect((await patch(ids[0]!, { moderation: 'accepted' })).statusCode).toBe(200);
    expect((await patch(ids[1]!, { isMeta: true })).statusCode).toBe(200);
    const log = await listModerationLog(t.app.db, (await findConversation(t.app.db, id))!.id, { limit: 10 });
    expect(log.map((e) => [e.actor, e.action, e.target, e.detail])).toEqual([
      ['moderator', 'statement.accept', `statement:${ids[0]}`, { from: 'pending' }],
      ['moderator', 'statement.meta', `statement:${ids[1]}`, { from: 'pending', isMeta: true }],
    ]);
  });

  test('an unknown id fails the whole request and names it; bad bodies are refused', async () => {
    const { ids, queue, bulk } = await withStatements(['Keep me pending']);
    const res = await bulk({ statementIds: [ids[0], 9999, 12345], moderation: 'rejected' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'STATEMENT_NOT_FOUND' });
    expect(res.json().message).toMatch(/statements 9999, 12345 do not exist in conversation '.+'; nothing was changed/);
    expect((await queue('')).total).toBe(1);
    for (const payload of [{ statementIds: [], moderation: 'rejected' }, { statementIds: [1, 1], moderation: 'rejected' }, { statementIds: [1], moderation: 'gone' }, { statementIds: [1] }]) {
      const bad = await bulk(payload);
      expect([bad.statusCode, bad.json().code], JSON.stringify(payload)).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});
