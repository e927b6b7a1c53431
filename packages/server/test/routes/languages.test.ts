import { describe, expect, onTestFinished, test } from 'vitest';
import type { KuuloEvent } from '../../src/events/eventBus.js';
import { findConversation } from '../../src/repositories/conversations.js';
import { createConversation, join, seed, sharedApp, vote } from '../helper.js';

const shared = sharedApp();
const fiSvEn = { languages: ['fi', 'sv', 'en'] };

const finnish = 'Hämeentien katuremontti kestää liian kauan, ja pyöräilijöille pitäisi tehdä turvallinen kiertotie työmaan ohi.';
const swedish = 'Gatureparationen på Tavastvägen tar för lång tid, och cyklisterna borde få en säker omväg förbi bygget.';
const english = 'The Hämeentie street renovation takes too long, and cyclists should get a safe detour around the works.';

const submit = (id: string, payload: object, token?: string) =>
  shared().call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, ...(token && { headers: { 'x-participant-token': token } }), payload });
const translationUrl = (id: string, sid: number, lang: string) => `/api/v1/conversations/${id}/statements/${sid}/translations/${lang}`;
const putTranslation = (id: string, sid: number, lang: string, text: string, auth?: string | null) =>
  shared().call({ method: 'PUT', url: translationUrl(id, sid, lang), payload: { text }, ...(auth !== undefined && { auth }) });

async function eventsOf(id: string): Promise<KuuloEvent[]> {
  const t = shared();
  const events: KuuloEvent[] = [];
  const stop = t.app.kuulo.events.subscribe((await findConversation(t.app.db, id))!.id, (e) => events.push(e));
  onTestFinished(stop);
  return events;
}

describe('language of a new statement', () => {
  test.each([
    ['fi', finnish],
    ['sv', swedish],
    ['en', english],
  ])('a %s statement without lang is detected among the conversation\'s languages', async (lang, text) => {
    const { id } = await createConversation(shared(), fiSvEn);
    const res = await submit(id, { text });
    expect(res.statusCode).toBe(201);
    expect(res.json().statement).toMatchObject({ text, lang, langSource: 'detected', translations: {} });
  });

  test('a text too short to tell falls back to the conversation\'s first language', async () => {
    const { id } = await createConversation(shared(), { languages: ['sv', 'fi', 'en'] });
    const res = await submit(id, { text: 'Hyvä idea!' });
    expect(res.json().statement).toMatchObject({ lang: 'sv', langSource: 'detected' });
  });

  test('detection only picks the conversation\'s languages; a conversation without languages leaves lang null', async () => {
    const { id } = await createConversation(shared(), { languages: ['fi', 'en'] });
    expect((await submit(id, { text: swedish })).json().statement.lang).not.toBe('sv');
    const { id: plain } = await createConversation(shared());
    expect((await submit(plain, { text: finnish })).json().statement).toMatchObject({ lang: null, langSource: null });
  });

  test('a given lang is the author\'s (in the conversation\'s spelling), seeds are detected too, bad tags are refused', async () => {
    const t = shared();
    const { id } = await createConversation(t, fiSvEn);
    expect((await submit(id, { text: english, lang: 'FI' })).json().statement).toMatchObject({ lang: 'fi', langSource: 'author' });
    const seeded = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, payload: { text: swedish } });
    expect(seeded.json()).toMatchObject({ lang: 'sv', langSource: 'detected', translations: {} });
    const bad = await submit(id, { text: finnish, lang: 'finnish!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('lang must match pattern') });
  });
});

describe('conversation topic and description per language', () => {
  test('POST and PATCH store translations; an entry with both texts empty is removed; machineTranslation defaults to false', async () => {
    const t = shared();
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/conversations',
      payload: { topic: 'Hämeentien katuremontti', ...fiSvEn, translations: { sv: { topic: ' Tavastvägens gatureparation ', description: 'Vad tycker du?' } } },
    });
    expect(created.statusCode).toBe(201);
    const { conversation, moderatorKey } = created.json();
    expect(conversation).toMatchObject({ translations: { sv: { topic: 'Tavastvägens gatureparation', description: 'Vad tycker du?' } }, machineTranslation: false });
    const patch = (payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${conversation.id}`, auth: moderatorKey, payload });
    const patched = await patch({ translations: { en: { topic: 'Hämeentie street renovation' }, sv: { topic: '', description: ' ' } }, machineTranslation: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ translations: { en: { topic: 'Hämeentie street renovation' } }, machineTranslation: true });
    expect(patched.json().translations).not.toHaveProperty('sv');
    const read = await t.call({ method: 'GET', url: `/api/v1/conversations/${conversation.id}`, auth: null });
    expect(read.json()).toMatchObject({ translations: { en: { topic: 'Hämeentie street renovation' } }, machineTranslation: true });
  });

  test('refuses a language that is not one of the conversation\'s and texts over the topic and description limits', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const patch = (payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload });
    const unknown = await patch({ translations: { de: { topic: 'Straßenbau' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: "body.translations has language 'de', which is not one of the conversation's languages (fi, sv, en); add it to languages first",
    });
    // The same request may add the language.
    expect((await patch({ languages: ['fi', 'sv', 'en', 'de'], translations: { de: { topic: 'Straßenbau' } } })).statusCode).toBe(200);
    const { topicLength, descriptionLength } = t.app.kuulo.config.limits;
    const long = await patch({ translations: { sv: { topic: 'x'.repeat(topicLength + 1) } } });
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: `body.translations.sv.topic has ${topicLength + 1} characters, more than the limit of ${topicLength}` });
    const longer = await patch({ translations: { sv: { description: 'x'.repeat(Math.min(descriptionLength + 1, 20000)) } } });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().message).toContain('body.translations.sv.description');
    const created = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'T', translations: { fi: { topic: 'Aihe' } } } });
    expect(created.json().message).toContain("language 'fi', which is not one of the conversation's languages (none set)");
  });
});

describe('statement translations (moderator)', () => {
  test('PUT adds and fixes a translation, DELETE removes it; every view of the statement carries them', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [sid] = await seed(t, id, [finnish]);
    const put = await putTranslation(id, sid!, 'sv', `  ${swedish} `, moderatorKey);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ id: sid, lang: 'fi', translations: { sv: { text: swedish, source: 'moderator' } }, tally: { agree: 0, disagree: 0, pass: 0 } });
    expect((await putTranslation(id, sid!, 'en', english, moderatorKey)).statusCode).toBe(200);
    const both = { sv: { text: swedish, source: 'moderator' }, en: { text: english, source: 'moderator' } };
    const one = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/${sid}`, auth: null });
    expect(one.json().translations).toEqual(both);
    const list = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null });
    expect(list.json().items[0].translations).toEqual(both);
    const queue = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue?state=all`, auth: moderatorKey });
    expect(queue.json().items[0].translations).toEqual(both);
    const next = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null });
    expect(next.json().statement.translations).toEqual(both);

    const fixed = await putTranslation(id, sid!, 'en', 'The Hämeentie renovation takes too long.', moderatorKey);
    expect(fixed.json().translations.en).toEqual({ text: 'The Hämeentie renovation takes too long.', source: 'moderator' });
    const removed = await t.call({ method: 'DELETE', url: translationUrl(id, sid!, 'en'), auth: moderatorKey });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().translations).toEqual({ sv: both.sv });
    // Removing what is not there answers with the statement as it is.
    expect((await t.call({ method: 'DELETE', url: translationUrl(id, sid!, 'en'), auth: moderatorKey })).json().translations).toEqual({ sv: both.sv });
  });

  test('needs the moderator key', async () => {
    const t = shared();
    const { id } = await createConversation(t, fiSvEn);
    const [sid] = await seed(t, id, [finnish]);
    expect((await putTranslation(id, sid!, 'sv', swedish, null)).json()).toMatchObject({ statusCode: 401, code: 'AUTH_REQUIRED' });
    const other = await createConversation(t, fiSvEn);
    expect((await putTranslation(id, sid!, 'sv', swedish, other.moderatorKey)).json()).toMatchObject({ statusCode: 401, code: 'AUTH_INVALID' });
    expect((await t.call({ method: 'DELETE', url: translationUrl(id, sid!, 'sv'), auth: null })).json()).toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  test.each([
    ['de', swedish, 'VALIDATION_FAILED', "params.lang 'de' is not one of conversation '%id''s languages: its languages are fi, sv, en"],
    ['fi', swedish, 'VALIDATION_FAILED', "params.lang 'fi' is the language statement %sid is written in: its text is the original, not a translation"],
    ['not-a-language-tag', swedish, 'VALIDATION_FAILED', 'lang must match pattern'],
    ['sv', '   ', 'VALIDATION_FAILED', 'body.text is empty after trimming'],
    ['sv', 'x'.repeat(1001), 'VALIDATION_FAILED', 'body.text has 1001 characters, more than the limit of 1000'],
  ])('PUT %s refuses with a message naming the value', async (lang, text, code, message) => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [sid] = await seed(t, id, [finnish]);
    const res = await putTranslation(id, sid!, lang, text, moderatorKey);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code });
    expect(res.json().message).toContain(message.replace('%id', id).replace('%sid', String(sid)));
  });

  test('PUT on a missing statement is STATEMENT_NOT_FOUND', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    expect((await putTranslation(id, 7, 'sv', swedish, moderatorKey)).json()).toMatchObject({ statusCode: 404, code: 'STATEMENT_NOT_FOUND' });
  });

  test('a translation change moves the change cursor: changedAfter returns the statement, the ETag changes, a statement event goes out', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [a, b] = await seed(t, id, [finnish, 'Työmaan melu pitää rajoittaa arkipäiviin kello seitsemästä kahdeksaantoista.']);
    const events = await eventsOf(id);
    const first = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null });
    const { cursor } = first.json();
    const etag = first.headers.etag as string;
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'if-none-match': etag } })).statusCode).toBe(304);

    await putTranslation(id, b!, 'sv', 'Bullret från bygget ska begränsas till vardagar klockan sju till arton.', moderatorKey);
    expect(events).toEqual([{ type: 'statement', statementId: b, moderation: 'accepted' }]);
    const again = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(200);
    const changed = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?changedAfter=${cursor}`, auth: null });
    expect(changed.json().items.map((s: { id: number }) => s.id)).toEqual([b]);
    expect(changed.json().items[0].translations.sv.source).toBe('moderator');

    const afterPut = changed.json().cursor;
    await t.call({ method: 'DELETE', url: translationUrl(id, b!, 'sv'), auth: moderatorKey });
    const afterDelete = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?changedAfter=${afterPut}`, auth: null });
    expect(afterDelete.json().items).toMatchObject([{ id: b, translations: {} }]);
    expect(events).toHaveLength(2);
    expect(a).not.toBe(b);
  });

  test('PATCH statement {lang} corrects the language (langSource moderator), drops a translation into it and is a change for changedAfter', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const { statement } = (await submit(id, { text: swedish, lang: 'fi' })).json();
    await putTranslation(id, statement.id, 'sv', swedish, moderatorKey);
    await putTranslation(id, statement.id, 'en', english, moderatorKey);
    const { cursor } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null })).json();
    const events = await eventsOf(id);
    const res = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${statement.id}`, auth: moderatorKey, payload: { lang: 'SV' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lang: 'sv', langSource: 'moderator', moderation: 'pending', moderatedAt: null, translations: { en: { text: english, source: 'moderator' } } });
    expect(res.json().translations).not.toHaveProperty('sv');
    expect(events).toEqual([{ type: 'statement', statementId: statement.id, moderation: 'pending' }]);
    const changed = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?changedAfter=${cursor}`, auth: null });
    expect(changed.json().items).toMatchObject([{ id: statement.id, lang: 'sv', langSource: 'moderator' }]);
    const bad = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${statement.id}`, auth: moderatorKey, payload: { lang: 'ruotsi!' } });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('lang must match pattern') });
  });

  test('the machine-translation hook sees new statements only of conversations that opted in', async () => {
    const t = shared();
    const seen: string[] = [];
    t.app.kuulo.onStatementCreated = async (conversation, statement) => void seen.push(`${conversation.slug}:${statement.tid}`);
    try {
      const off = await createConversation(t, fiSvEn);
      const on = await createConversation(t, { ...fiSvEn, machineTranslation: true });
      await submit(off.id, { text: finnish });
      await submit(on.id, { text: finnish });
      await seed(t, on.id, [swedish]);
      expect(seen).toEqual([`${on.id}:0`, `${on.id}:1`]);
    } finally {
      delete t.app.kuulo.onStatementCreated;
    }
  });
});

describe('next statement in the reader\'s languages', () => {
  test('GET next?languages= and the vote reply\'s nextLanguages draw only statements written in those languages or of unknown language', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [fi, sv, en] = await seed(t, id, [finnish, swedish, english]);
    // A regional tag matches its language; a statement of unknown language (en, below) matches every filter.
    const regional = (await submit(id, { text: 'Fler bänkar längs Tavastvägen, tack!', lang: 'sv-FI' })).json().statement.id as number;
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${regional}`, auth: moderatorKey, payload: { moderation: 'accepted' } });
    (await t.app.db.run('UPDATE statements SET lang = NULL, lang_source = NULL WHERE tid = ? AND conversation_id = (SELECT id FROM conversations WHERE slug = ?)', en, id));
    const { token } = await join(t, id);
    const headers = { 'x-participant-token': token };
    const drawn: number[] = [];
    for (;;) {
      const without = drawn.map((d) => `&without=${d}`).join('');
      const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?languages=sv${without}`, auth: null, headers });
      expect(res.json()).toMatchObject({ remaining: 3, total: 3 });
      if (res.json().statement === null) break;
      drawn.push(res.json().statement.id);
    }
    expect(drawn.sort()).toEqual([sv, en, regional].sort());
    const everything = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers });
    expect(everything.json()).toMatchObject({ remaining: 4, total: 4 });
    const several = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?languages=fi,en`, auth: null, headers });
    expect(several.json()).toMatchObject({ remaining: 2, total: 2 });
    expect([fi, en]).toContain(several.json().statement.id);

    // After voting on both Swedish ones, nextLanguages: ['sv'] leaves nothing but en (lang null).
    await vote(t, id, token, sv!, 'agree');
    const reply = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes?next=true`, auth: null, headers, payload: { statementId: regional, vote: 'pass', nextLanguages: ['sv'] } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().next).toMatchObject({ statement: { id: en, lang: null, translations: {} }, remaining: 1, total: 3 });
    const bad = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?languages=fi,,sv`, auth: null });
    expect(bad.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('languages') });
  });

  test('votes land on the one statement whatever language it was read in', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [sid] = await seed(t, id, [finnish]);
    await putTranslation(id, sid!, 'sv', swedish, moderatorKey);
    const finn = await join(t, id);
    const swede = await join(t, id);
    const fromFinnish = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?languages=fi`, auth: null, headers: { 'x-participant-token': finn.token } });
    const fromSwedish = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?languages=sv`, auth: null, headers: { 'x-participant-token': swede.token } });
    // Only originals are filtered: its Swedish is a translation, so a Swedish-only filter leaves it out.
    expect(fromFinnish.json().statement.id).toBe(sid);
    expect(fromSwedish.json().statement).toBeNull();
    const shown = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers: { 'x-participant-token': swede.token } });
    expect(shown.json().statement).toMatchObject({ id: sid, translations: { sv: { text: swedish } } });
    expect((await vote(t, id, finn.token, sid!, 'agree')).statusCode).toBe(200);
    expect((await vote(t, id, swede.token, sid!, 'agree')).statusCode).toBe(200);
    const list = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: sid, tally: { agree: 2, disagree: 0, pass: 0 } }] });
  });
});

describe('export and import', () => {
  test('comments.csv carries language and translations; importing it brings them back, and the conversation\'s languages', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, fiSvEn);
    const [a, b] = await seed(t, id, [finnish, english]);
    await putTranslation(id, a!, 'sv', swedish, moderatorKey);
    await putTranslation(id, a!, 'en', english.replace('The', 'This'), moderatorKey);
    const { token } = await join(t, id);
    await vote(t, id, token, a!, 'agree');
    const get = async (file: string) => (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/${file}`, auth: moderatorKey })).body;
    const comments = await get('comments.csv');
    const [header, first, second] = comments.trim().split('\n');
    expect(header).toBe('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,language,translations');
    expect(first).toContain(`,fi,"{""en"":""${english.replace('The', 'This')}"",""sv"":""${swedish}""}"`);
    expect(second).toMatch(/,en,$/);

    const imported = await t.call({
      method: 'POST',
      url: '/api/v1/conversations/import',
      payload: { format: 'polis-csv', files: { 'comments.csv': comments, 'votes.csv': await get('votes.csv') } },
    });
    expect(imported.statusCode).toBe(201);
    const { conversation } = imported.json();
    expect(conversation.languages).toEqual(['en', 'fi', 'sv']);
    const statements = await t.call({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/statements`, auth: null });
    expect(statements.json().items).toMatchObject([
      { id: a, text: finnish, lang: 'fi', langSource: 'author', translations: { sv: { text: swedish, source: 'moderator' }, en: { source: 'moderator' } }, tally: { agree: 1 } },
      { id: b, text: english, lang: 'en', translations: {} },
    ]);
  });

  test('a Polis comments.csv without the columns imports as before; bad language columns are IMPORT_INVALID naming the statement', async () => {
    const t = shared();
    const polis = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,Hello\n';
    const votes = 'timestamp,datetime,comment-id,voter-id,vote\n2,x,0,0,1\n';
    const plain = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files: { 'comments.csv': polis, 'votes.csv': votes } } });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().conversation.languages).toEqual([]);
    const items = (await t.call({ method: 'GET', url: `/api/v1/conversations/${plain.json().conversation.id}/statements`, auth: null })).json().items;
    expect(items).toMatchObject([{ id: 0, lang: null, langSource: null, translations: {} }]);

    const kuulo = (language: string, translations: string) =>
      t.call({
        method: 'POST',
        url: '/api/v1/conversations/import',
        payload: { format: 'polis-csv', files: { 'comments.csv': `${polis.split('\n')[0]},language,translations\n1,x,0,0,1,0,1,Hello,${language},${translations}\n`, 'votes.csv': votes } },
      });
    expect((await kuulo('english', '')).json()).toMatchObject({ code: 'IMPORT_INVALID', message: "comments.csv: statement 0: language 'english' is not a language tag such as fi, sv or en" });
    expect((await kuulo('en', '"{""en"":""Hi""}"')).json()).toMatchObject({ code: 'IMPORT_INVALID', message: "comments.csv: statement 0: translations has 'en', the statement's own language" });
    expect((await kuulo('en', 'not json')).json()).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('translations') });
    const good = await kuulo('en', '"{""fi"":""Hei""}"');
    expect(good.statusCode).toBe(201);
  });
});
