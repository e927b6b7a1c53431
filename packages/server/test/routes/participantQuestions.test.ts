import { describe, expect, test } from 'vitest';
import { createConversation, join, seed, sharedApp, vote, type TestApp } from '../helper.js';

const shared = sharedApp({ math: { enabled: true, debounceMs: 20 } });

const district = {
  key: 'district',
  text: { fi: 'Missä asut?', en: 'Where do you live?' },
  answers: [
    { key: 'north', text: { fi: 'Pohjoisessa', en: 'North' }, population: 0.5 },
    { key: 'south', text: { fi: 'Etelässä', en: 'South' }, population: 0.5 },
  ],
};
const travel = {
  key: 'travel',
  meta: null,
  text: { en: 'How do you use the street?' },
  answers: [
    // Null: no population figure (the editor may send it so), not a share of 0.
    { key: 'bike', text: { en: 'By bike' }, population: null },
    { key: 'car', text: { en: 'By car' } },
    { key: 'foot', text: { en: 'On foot' } },
  ],
};

const call = async (t: TestApp, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, options: { auth?: string | null; token?: string; body?: object } = {}) =>
  await t.call({ method, url, auth: options.auth ?? null, headers: options.token ? { 'x-participant-token': options.token } : {}, ...(options.body !== undefined && { payload: options.body }) });

/** North (the first `north`) agrees with all 8 statements, south disagrees; everyone answers the district and `travel` where given. */
async function debate(t: TestApp, north: number, south: number) {
  const { id, moderatorKey } = await createConversation(t);
  expect((await call(t, 'PUT', `/api/v1/conversations/${id}/questions`, { auth: moderatorKey, body: { askAfterVotes: 2, questions: [district, travel] } })).statusCode).toBe(200);
  const statements = await seed(t, id, Array.from({ length: 8 }, (_, i) => `Statement ${i + 1} about the street renovation`));
  for (let p = 0; p < north + south; p++) {
    const { token } = await join(t, id);
    const isNorth = p < north;
    for (const s of statements) expect((await vote(t, id, token, s, isNorth ? 'agree' : 'disagree')).statusCode).toBeLessThan(300);
    // Two people cycle: everyone else walks.
    const answers = { district: isNorth ? 'north' : 'south', travel: p < 2 ? 'bike' : 'foot' };
    expect((await call(t, 'PUT', `/api/v1/conversations/${id}/answers/me`, { token, body: { answers } })).statusCode).toBe(200);
  }
  expect((await call(t, 'POST', `/api/v1/conversations/${id}/math/recompute`, { auth: moderatorKey })).statusCode).toBe(200);
  return { id, moderatorKey, statements };
}

describe('participant questions', () => {
  test('a moderator sets questions; anyone reads them; bad ones are refused naming the problem', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const url = `/api/v1/conversations/${id}/questions`;
    expect((await call(t, 'GET', url)).json()).toEqual({ askAfterVotes: 3, questions: [] });
    expect((await call(t, 'PUT', url, { body: { questions: [district] } })).statusCode).toBe(401);
    const saved = await call(t, 'PUT', url, { auth: moderatorKey, body: { askAfterVotes: 4, questions: [district, travel] } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().questions.map((q: { key: string; meta: null }) => [q.key, q.meta])).toEqual([['district', null], ['travel', null]]);
    expect(saved.json().questions[1].answers[0]).toEqual({ key: 'bike', text: { en: 'By bike' }, population: null });
    expect((await call(t, 'GET', url)).json()).toEqual(saved.json());
    const refuse = async (body: object, message: RegExp) => {
      const res = await call(t, 'PUT', url, { auth: moderatorKey, body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().message).toMatch(message);
    };
    await refuse({ questions: [{ ...district, answers: [{ ...district.answers[0], population: 0.7 }, district.answers[1]] }] }, /questions\[0\] \(district\): population shares sum to 1\.2; they must sum to 1/);
    await refuse({ questions: [district, district] }, /the key 'district' is used twice/);
    await refuse({ questions: [{ ...district, answers: [district.answers[0], district.answers[0]] }] }, /the answer key 'north' is used twice/);
    await refuse({ questions: [{ ...district, text: {} }] }, /text needs at least one language/);
    await refuse({ questions: [{ ...district, key: 'Bad Key' }] }, /key/);
    await refuse({ questions: [{ ...district, meta: 99 }] }, /meta is 99, which is not a meta statement/);
    // Nothing refused changed what was stored.
    expect((await call(t, 'GET', url)).json()).toEqual(saved.json());
    const log = (await call(t, 'GET', `/api/v1/conversations/${id}/moderation/log`, { auth: moderatorKey })).json();
    expect(JSON.stringify(log)).toContain('conversation.questions');
  });

  test('a participant answers, declines and changes an answer; unknown keys are refused', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    await call(t, 'PUT', `/api/v1/conversations/${id}/questions`, { auth: moderatorKey, body: { questions: [district, travel] } });
    const [s] = await seed(t, id, ['The street needs wider pavements']);
    const url = `/api/v1/conversations/${id}/answers/me`;
    expect((await call(t, 'GET', url)).statusCode).toBe(401);
    const { token } = await join(t, id);
    await vote(t, id, token, s!, 'agree');
    expect((await call(t, 'GET', url, { token })).json()).toEqual({ answers: {} });
    expect((await call(t, 'PUT', url, { token, body: { answers: { district: 'north', travel: null } } })).json()).toEqual({ answers: { district: 'north', travel: null } });
    expect((await call(t, 'PUT', url, { token, body: { answers: { district: 'south' } } })).json()).toEqual({ answers: { district: 'south', travel: null } });
    const bad = await call(t, 'PUT', url, { token, body: { answers: { district: 'east' } } });
    expect([bad.statusCode, bad.json().message]).toEqual([400, "answers.district: 'east' is not one of its answers (north, south)"]);
    const unknown = await call(t, 'PUT', url, { token, body: { answers: { shoe: 'size' } } });
    expect([unknown.statusCode, unknown.json().message]).toEqual([400, "answers: 'shoe' is not a question this conversation asks"]);
    expect((await call(t, 'GET', url, { token })).json()).toEqual({ answers: { district: 'south', travel: null } });
  });

  test('the representativeness section: breakdowns under the floor, weights, weighted figures beside raw', async () => {
    const t = shared();
    const { id, moderatorKey, statements } = await debate(t, 15, 5);
    const body = (await call(t, 'GET', `/api/v1/conversations/${id}/representativeness`)).json();
    expect(body.tick).toBeGreaterThan(0);
    const r = body.representativeness;
    expect(r.format).toBe('kuulo-representativeness@1');
    expect(r.floor).toBe(5);
    const d = r.questions.find((q: { question: string }) => q.question === 'district');
    expect(d.answers).toEqual([
      { answer: 'north', n: 15, share: 0.75, population: 0.5 },
      { answer: 'south', n: 5, share: 0.25, population: 0.5 },
    ]);
    // Two cyclists are fewer than the floor: withheld, and the walkers too, or 20 − 18 would give them away.
    const travelRow = r.questions.find((q: { question: string }) => q.question === 'travel');
    expect(travelRow.answers.map((a: { n: number | null }) => a.n)).toEqual([null, 0, null]);
    expect(r.weights).toMatchObject({ method: 'raking', questions: ['district'], participants: 20, respondents: 20, converged: true });
    expect(r.weights.designEffect).toBeCloseTo(4 / 3, 6);
    for (const s of r.statements) {
      expect(statements).toContain(s.statement);
      expect([s.n, s.agree, s.agreeWeighted]).toEqual([20, 0.75, expect.closeTo(0.5, 9)]);
      expect(s.differs).toBe(true);
    }
    expect(r.groups.map((g: { share: number; shareWeighted: number }) => [g.share, Math.round(g.shareWeighted * 1e6) / 1e6]).sort()).toEqual([[0.25, 0.5], [0.75, 0.5]]);
    expect(r.majority.agree).toHaveLength(8);
    expect(r.majority.agreeWeighted).toEqual([]);
    // A participant who answers later moves the figures at the next tick.
    const { token } = await join(t, id);
    for (const s of statements) await vote(t, id, token, s, 'disagree');
    await call(t, 'PUT', `/api/v1/conversations/${id}/answers/me`, { token, body: { answers: { district: 'south' } } });
    expect((await call(t, 'POST', `/api/v1/conversations/${id}/math/recompute`, { auth: moderatorKey })).statusCode).toBe(200);
    const next = (await call(t, 'GET', `/api/v1/conversations/${id}/representativeness`)).json();
    expect(next.tick).toBeGreaterThan(body.tick);
    expect(next.representativeness.questions[0].answers[1].n).toBe(6);
  });

  test('without questions the section is null; a meta statement can stand in for a question', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const statements = await seed(t, id, Array.from({ length: 6 }, (_, i) => `Statement ${i + 1} about the market square`));
    const [meta] = await seed(t, id, ['I live north of the river']);
    expect((await call(t, 'PATCH', `/api/v1/conversations/${id}/statements/${meta}`, { auth: moderatorKey, body: { isMeta: true } })).statusCode).toBe(200);
    for (let p = 0; p < 18; p++) {
      const { token } = await join(t, id);
      const north = p < 12;
      for (const s of statements) await vote(t, id, token, s!, north ? 'agree' : 'disagree');
      await vote(t, id, token, meta!, north ? 'agree' : 'disagree');
    }
    await call(t, 'POST', `/api/v1/conversations/${id}/math/recompute`, { auth: moderatorKey });
    expect((await call(t, 'GET', `/api/v1/conversations/${id}/representativeness`)).json().representativeness).toBeNull();
    const question = { key: 'river', text: { en: 'Side of the river' }, meta, answers: [{ key: 'agree', text: { en: 'North' }, population: 0.4 }, { key: 'disagree', text: { en: 'South' }, population: 0.6 }] };
    const bad = await call(t, 'PUT', `/api/v1/conversations/${id}/questions`, { auth: moderatorKey, body: { questions: [{ ...question, meta: statements[0] }] } });
    expect(bad.json().message).toMatch(/not a meta statement/);
    expect((await call(t, 'PUT', `/api/v1/conversations/${id}/questions`, { auth: moderatorKey, body: { questions: [question] } })).statusCode).toBe(200);
    await call(t, 'POST', `/api/v1/conversations/${id}/math/recompute`, { auth: moderatorKey });
    const r = (await call(t, 'GET', `/api/v1/conversations/${id}/representativeness`)).json().representativeness;
    expect(r.questions[0]).toMatchObject({ question: `meta:${meta}`, answered: 18, answers: [{ answer: 'agree', n: 12, population: 0.4 }, { answer: 'disagree', n: 6, population: 0.6 }] });
    expect(r.statements[0].agreeWeighted).toBeCloseTo(0.4, 9);
    // A meta statement's question is answered by its votes, never asked.
    const { token } = await join(t, id);
    await vote(t, id, token, statements[0]!, 'agree');
    expect((await call(t, 'PUT', `/api/v1/conversations/${id}/answers/me`, { token, body: { answers: { river: 'agree' } } })).statusCode).toBe(400);
  });
});
