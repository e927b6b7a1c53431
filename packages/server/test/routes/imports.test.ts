import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createConversation, sharedApp } from '../helper.js';
import { demoCsv, fixtureJson } from '../demoFiles.js';

const shared = sharedApp({ importBodyLimit: 10 * 1024 * 1024 });
const importBody = (body: Record<string, unknown>, auth?: string | null) => shared().call({ method: 'POST', url: '/api/v1/conversations/import', payload: body, ...(auth !== undefined && { auth }) });

function parseCsv(text: string): string[][] {
  // Enough for comparing exports: fields may be quoted with doubled quotes and contain commas.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

describe('POST /api/v1/conversations/import', () => {
  test('imports the Seattle open-data CSVs with ids, moderation and vote history', async () => {
    const t = shared();
    const files = demoCsv();
    const res = await importBody({ id: 'seattle', format: 'polis-csv', files });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.conversation).toMatchObject({ id: 'seattle', topic: '$15/hour', strictModeration: false, mode: 'polis', bridging: 'auto' });
    expect(body.conversation.description).toContain('minimum wage');
    const votes = files['votes.csv'].trim().split('\n').length - 1;
    const comments = parseCsv(files['comments.csv']).slice(1);
    expect(body.imported).toEqual({ statements: comments.length, participants: expect.any(Number), votes, negated: false });
    expect(body.moderatorKey).toMatch(/^kmod_/);

    // Our comments.csv export reproduces Polis's agree / disagree counts for every statement.
    const exported = await t.call({ method: 'GET', url: '/api/v1/conversations/seattle/export/comments.csv', auth: body.moderatorKey });
    expect(exported.headers['content-type']).toContain('text/csv');
    const ours = new Map(parseCsv(exported.body).slice(1).map((r) => [r[2], [r[4], r[5], r[6], r[7]]]));
    for (const r of comments) expect(ours.get(r[2]), `comment ${r[2]}`).toEqual([r[4], r[5], r[6], r[7]]);

    // votes.csv round-trips: the same (time, comment, voter, vote) rows.
    const votesOut = await t.call({ method: 'GET', url: '/api/v1/conversations/seattle/export/votes.csv', auth: body.moderatorKey });
    const key = (r: string[]) => [r[0], r[2], r[3], r[4]].join(',');
    expect(parseCsv(votesOut.body).slice(1).map(key).sort()).toEqual(parseCsv(files['votes.csv']).slice(1).map(key).sort());
  });

  test('imports a Polis API JSON export and detects the vote sign from the comment counts', async () => {
    const files = fixtureJson('below-100-ptpts');
    const plain = (await importBody({ format: 'polis-json', files })).json();
    expect(plain.imported.negated).toBe(false);
    expect(plain.conversation).toMatchObject({ topic: 'Improving the Polis Software', strictModeration: true });
    // The same file in Polis's internal sign (agree = −1) is detected and negated back.
    const flipped = JSON.stringify((JSON.parse(files['votes.json']) as { vote: number }[]).map((v) => ({ ...v, vote: -v.vote })));
    const negated = (await importBody({ format: 'polis-json', files: { ...files, 'votes.json': flipped } })).json();
    expect(negated.imported.negated).toBe(true);
    const t = shared();
    const tally = async (id: string, key: string) =>
      (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue?state=all&limit=500`, auth: key })).json().items.map((s: { tally: unknown }) => s.tally);
    expect(await tally(negated.conversation.id, negated.moderatorKey)).toEqual(await tally(plain.conversation.id, plain.moderatorKey));
    const forced = (await importBody({ format: 'polis-json', sign: 'export', files })).json();
    expect(forced.imported.negated).toBe(false);
  });

  test('errors name the file, line and field', async () => {
    const files = demoCsv();
    const badLine = files['votes.csv'].split('\n');
    badLine[5] = badLine[5]!.replace(/,(-?\d)$/, ',7');
    const bad = await importBody({ format: 'polis-csv', files: { ...files, 'votes.csv': badLine.join('\n') } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IMPORT_INVALID');
    expect(bad.json().message).toMatch(/^votes\.csv line 6, field "vote"/);
    const orphan = files['votes.csv'].trimEnd() + '\n1403054214196,x,999,0,1\n';
    const orphanRes = await importBody({ format: 'polis-csv', files: { ...files, 'votes.csv': orphan } });
    expect(orphanRes.json()).toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('vote on statement 999, which comments.csv does not list') });
    const missing = await importBody({ format: 'polis-csv', files: { 'comments.csv': files['comments.csv'] } });
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'body.files.votes.csv is required for format polis-csv' });
    const mixed = await importBody({ format: 'polis-csv', files: { ...files, 'votes.json': '[]' } });
    expect(mixed.json().message).toBe('body.files.votes.json does not belong to format polis-csv');
    const notJson = await importBody({ format: 'polis-json', files: { 'comments.json': '[', 'votes.json': '[]' } });
    expect(notJson.json().code).toBe('IMPORT_INVALID');
    expect(notJson.json().message).toMatch(/^comments\.json/);
  });

  test('the body is parsed off the request thread with the same checks: JSON, lone surrogates in the file texts, schema', async () => {
    const files = demoCsv();
    const raw = (payload: string) => shared().call({ method: 'POST', url: '/api/v1/conversations/import', headers: { 'content-type': 'application/json' }, payload });
    expect((await raw('{"format":')).json()).toMatchObject({ code: 'MALFORMED_BODY', message: expect.stringMatching(/^body is not valid JSON: /) });
    expect((await raw('')).json()).toMatchObject({ code: 'MALFORMED_BODY' });
    // JSON.stringify writes the lone surrogate as a \u escape, which JSON.parse turns back into one.
    const surrogate = JSON.stringify({ format: 'polis-csv', files: { ...files, 'comments.csv': files['comments.csv'].replace('Not sure', 'Not \ud800sure') } });
    expect((await raw(surrogate)).json()).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: `body.files.comments.csv has a lone surrogate (U+D800) at character ${files['comments.csv'].indexOf('Not sure') + 4}: text must be well-formed Unicode`,
    });
    expect((await importBody({ format: 'polis-csv', files: { ...files, 'votes.csv': { rows: [] } } })).json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'body: files.votes.csv must be string' });
    const big = await importBody({ format: 'polis-csv', files: { ...files, 'votes.csv': 'x'.repeat(10 * 1024 * 1024) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'BODY_TOO_LARGE', message: `the import body is over the limit of ${10 * 1024 * 1024} bytes` });
    // Without a content-length, the bytes are counted as they arrive.
    const streamed = await shared().call({
      method: 'POST',
      url: '/api/v1/conversations/import',
      headers: { 'content-type': 'application/json' },
      payload: Readable.from((function* () {
        for (let i = 0; i < 11; i++) yield Buffer.alloc(1024 * 1024, 32);
      })()),
    });
    expect(streamed.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  test('needs the admin key and a free id', async () => {
    const t = shared();
    const { moderatorKey } = await createConversation(t, { id: 'taken' });
    const files = demoCsv();
    expect((await importBody({ format: 'polis-csv', files }, null)).json().code).toBe('AUTH_REQUIRED');
    expect((await importBody({ format: 'polis-csv', files }, moderatorKey)).json().code).toBe('AUTH_INVALID');
    expect((await importBody({ id: 'taken', format: 'polis-csv', files })).json().code).toBe('CONVERSATION_EXISTS');
    expect((await importBody({ format: 'polis-xml', files })).json().code).toBe('VALIDATION_FAILED');
  });
});

describe('math mode through import and export', () => {
  test("a Kuulo export's summary.csv carries the mode back in; the body's mode wins; a bad value names the file, field and value", async () => {
    const t = shared();
    const first = (await importBody({ format: 'polis-csv', files: demoCsv(), mode: 'stable', bridging: 'on' })).json();
    expect(first.conversation).toMatchObject({ mode: 'stable', bridging: 'on' });
    const get = (file: string) => t.call({ method: 'GET', url: `/api/v1/conversations/${first.conversation.id}/export/${file}`, auth: first.moderatorKey });
    const files = { 'comments.csv': (await get('comments.csv')).body, 'votes.csv': (await get('votes.csv')).body, 'summary.csv': (await get('summary.csv')).body };
    expect(parseCsv(files['summary.csv']).at(-1)).toEqual(['math-mode', 'stable']);
    expect((await importBody({ format: 'polis-csv', files })).json().conversation.mode).toBe('stable');
    expect((await importBody({ format: 'polis-csv', files, mode: 'polis' })).json().conversation.mode).toBe('polis');
    const bad = await importBody({ format: 'polis-csv', files: { ...files, 'summary.csv': files['summary.csv'].replace('math-mode,stable', 'math-mode,fast') } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IMPORT_INVALID', message: 'summary.csv, field "math-mode": expected polis or stable, got "fast"' });
    const refused = await importBody({ format: 'polis-csv', files, mode: 'fast' });
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'body: mode must be one of polis, stable, got "fast"' });
  });
});

describe('GET /api/v1/conversations/:id/export/:file', () => {
  test('exports round-trip through import, and summary/participants-votes have Polis columns', async () => {
    const t = shared();
    const first = (await importBody({ format: 'polis-csv', files: demoCsv() })).json();
    const get = (file: string) => t.call({ method: 'GET', url: `/api/v1/conversations/${first.conversation.id}/export/${file}`, auth: first.moderatorKey });
    const comments = (await get('comments.csv')).body;
    const votes = (await get('votes.csv')).body;
    const summary = (await get('summary.csv')).body;
    expect(parseCsv(summary).map((r) => r[0])).toEqual(['topic', 'url', 'views', 'voters', 'voters-in-conv', 'commenters', 'comments', 'groups', 'conversation-description', 'math-mode']);
    expect(parseCsv(summary)[0]).toEqual(['topic', '$15/hour']);
    const pv = parseCsv((await get('participants-votes.csv')).body);
    expect(pv[0]!.slice(0, 6)).toEqual(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree']);
    const again = (await importBody({ format: 'polis-csv', files: { 'comments.csv': comments, 'votes.csv': votes, 'summary.csv': summary } })).json();
    expect(again.imported).toEqual({ ...first.imported });
    expect(again.conversation.counts).toEqual(first.conversation.counts);
    const math = await get('math.json');
    expect(math.json().code).toBe('MATH_NOT_READY');
    const bad = await t.call({ method: 'GET', url: `/api/v1/conversations/${first.conversation.id}/export/secrets.txt`, auth: first.moderatorKey });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const anon = await t.call({ method: 'GET', url: `/api/v1/conversations/${first.conversation.id}/export/votes.csv`, auth: null });
    expect(anon.json().code).toBe('AUTH_REQUIRED');
  });
});
