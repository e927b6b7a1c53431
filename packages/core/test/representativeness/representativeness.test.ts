import { describe, expect, it } from 'vitest';
import { Conversation, lcg, representativeness, withhold, type ParticipantAnswer, type PopulationShare, type Vote } from '../../src/index.js';

/**
 * The population is half north, half south; among participants the north is over-represented three times
 * (300 north, 100 south). The north agrees with statements 0–9 (85%) and disagrees with 10–19; the south
 * the reverse; statement 20 is agreed by 80% of the north and 20% of the south (population: 50%).
 * Everyone answers an age band independent of district; the population's age bands match the sample's.
 */
function planted(options: { skip?: number } = {}) {
  const random = lcg(42);
  const votes: Vote[] = [];
  const answers: ParticipantAnswer[] = [];
  const district: string[] = [];
  for (let p = 0; p < 400; p++) {
    const north = p < 300;
    district.push(north ? 'north' : 'south');
    for (let s = 0; s < 21; s++) {
      const pAgree = s === 20 ? (north ? 0.8 : 0.2) : (s < 10) === north ? 0.85 : 0.15;
      const u = random();
      votes.push({ participant: p, statement: s, vote: u < 0.05 ? 0 : random() < pAgree ? 1 : -1 });
    }
    if (!(options.skip && p % options.skip === 0)) answers.push({ participant: p, question: 'district', answer: north ? 'north' : 'south' });
    answers.push({ participant: p, question: 'age', answer: p % 2 === 0 ? 'under 40' : '40 or over' });
  }
  const conversation = new Conversation({ seed: 7 });
  conversation.addVotes(votes);
  const result = conversation.update();
  const population: PopulationShare[] = [
    { question: 'district', answer: 'north', share: 0.5 },
    { question: 'district', answer: 'south', share: 0.5 },
    { question: 'age', answer: 'under 40', share: 0.5 },
    { question: 'age', answer: '40 or over', share: 0.5 },
  ];
  return { conversation, result, votes, answers, population, district };
}

/** Share agreeing among those who voted on `statement`, within one district, from the raw votes. */
function rate(votes: Vote[], district: string[], statement: number, where: string, side: 1 | -1): number {
  const cast = votes.filter((v) => v.statement === statement && district[v.participant as number] === where);
  return cast.filter((v) => v.vote === side).length / cast.length;
}

describe('representativeness', () => {
  it('recovers the population’s majority figures from a 3× over-represented district; the raw figures miss them', () => {
    const { conversation, result, votes, answers, population, district } = planted();
    const r = representativeness({ result, votes: conversation.voteMatrix(), answers, population });
    expect(r.weights).not.toBeNull();
    // Weights 0.5/0.75 for the north and 0.5/0.25 for the south: deff = 0.75·(2/3)² + 0.25·2² = 4/3.
    expect(r.weights!.designEffect).toBeCloseTo(4 / 3, 6);
    expect(r.weights!.effectiveSampleSize).toBeCloseTo(300, 6);
    expect(r.weights!.converged).toBe(true);
    for (const row of r.statements) {
      const s = row.statement as number;
      // Weighted to a 50/50 population, each district's own rate counts half (an identity when all answered).
      const agree = (rate(votes, district, s, 'north', 1) + rate(votes, district, s, 'south', 1)) / 2;
      expect(row.agreeWeighted).toBeCloseTo(agree, 9);
      expect(row.disagreeWeighted).toBeCloseTo((rate(votes, district, s, 'north', -1) + rate(votes, district, s, 'south', -1)) / 2, 9);
      // Against the planted population figure (every statement: half of the 95% who do not pass), within 0.05;
      // the sampling noise of 100 southerners is about 0.02 on the half they weigh.
      const truth = 0.5 * 0.95;
      expect(Math.abs(row.agreeWeighted! - truth)).toBeLessThan(0.05);
      // Raw: the north's view weighs 75%, planted 0.14 (statement 20) to 0.17 away from the population.
      expect(Math.abs(row.agree! - truth)).toBeGreaterThan(0.1);
      expect(row.differs).toBe(true);
    }
    // The north's statements are a raw majority opinion but not a weighted one.
    expect(r.majority.agree).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20]));
    expect(r.majority.agreeWeighted).toEqual([]);
    // Two groups (the districts): raw 75/25, weighted 50/50.
    expect(r.groups).toHaveLength(2);
    const shares = r.groups.map((g) => [g.share, g.shareWeighted!]).sort((a, b) => b[0]! - a[0]!);
    expect(shares[0]![0]).toBeCloseTo(0.75, 1);
    expect(shares[0]![1]).toBeCloseTo(0.5, 1);
    expect(r.differs).toBe(true);
    expect(r.clusteringWeighted).toBe(false);
    // The breakdown compares the sample with the population, per group too.
    const q = r.questions.find((x) => x.question === 'district')!;
    expect(q.answered).toBe(400);
    expect(q.answers).toEqual([
      { answer: 'north', n: 300, share: 0.75, population: 0.5 },
      { answer: 'south', n: 100, share: 0.25, population: 0.5 },
    ]);
    for (const g of q.groups) expect(g.answers.some((a) => a.share !== null && a.share > 0.9)).toBe(true);
  });

  it('with some answers missing, still recovers within the tolerance', () => {
    const { conversation, result, answers, population } = planted({ skip: 10 });
    const r = representativeness({ result, votes: conversation.voteMatrix(), answers, population });
    expect(r.weights!.respondents).toBe(400);
    for (const row of r.statements) expect(Math.abs(row.agreeWeighted! - 0.475)).toBeLessThan(0.06);
  });

  it('without population figures: breakdowns only, no weighted figure', () => {
    const { conversation, result, answers } = planted();
    const r = representativeness({ result, votes: conversation.voteMatrix(), answers });
    expect(r.weights).toBeNull();
    expect(r.statements.every((s) => s.agreeWeighted === null && s.agree !== null && !s.differs)).toBe(true);
    expect(r.groups.every((g) => g.shareWeighted === null)).toBe(true);
    expect(r.questions.map((q) => q.question)).toEqual(['district', 'age']);
  });

  it('withholds small cells, and a second cell where the total would give the first away', () => {
    expect(withhold([10, 3, 8], 5)).toEqual([10, null, null]);
    expect(withhold([10, 3, 2, 8], 5)).toEqual([10, null, null, 8]);
    expect(withhold([10, 0, 8], 5)).toEqual([10, 0, 8]);
    const { conversation, result, population } = planted();
    // Only three southerners say they are over 80: that cell and one more are withheld, in every row it appears.
    const answers: ParticipantAnswer[] = [];
    for (let p = 0; p < 400; p++) answers.push({ participant: p, question: 'age', answer: p >= 397 ? 'over 80' : p % 2 ? 'under 40' : '40 to 80' });
    const r = representativeness({ result, votes: conversation.voteMatrix(), answers, questions: [{ id: 'age', answers: ['under 40', '40 to 80', 'over 80'] }], population: [] }, { floor: 5 });
    const q = r.questions[0]!;
    expect(q.answers[2]).toEqual({ answer: 'over 80', n: null, share: null, population: null });
    expect(q.answers.filter((a) => a.n === null)).toHaveLength(2);
    for (const g of q.groups) if (g.answered !== null) expect(g.answers.filter((a) => a.n !== null && a.n > 0 && a.n < 5)).toEqual([]);
    expect(population).toHaveLength(4);
  });

  it('publishes no group breakdown where overall minus the groups would count fewer than the floor', () => {
    const { result: _r, votes, answers, population } = planted();
    // Three more southerners vote once: too few votes to be placed in a group, but they answer.
    for (let p = 400; p < 403; p++) {
      votes.push({ participant: p, statement: 0, vote: -1 });
      answers.push({ participant: p, question: 'district', answer: 'south' });
    }
    const conversation = new Conversation({ seed: 7 });
    conversation.addVotes(votes);
    const result = conversation.update();
    expect(result.participantGroup.filter((g) => g === null)).toHaveLength(3);
    const r = representativeness({ result, votes: conversation.voteMatrix(), answers, population });
    const d = r.questions.find((q) => q.question === 'district')!;
    expect(d.answers.map((a) => a.n)).toEqual([300, 103]);
    expect(d.groups.every((g) => g.answered === null && g.answers.every((a) => a.n === null))).toBe(true);
    // The age question has no small ungrouped count (the three did not answer it): its breakdown stays.
    expect(r.questions.find((q) => q.question === 'age')!.groups.every((g) => g.answered !== null)).toBe(true);
  });

  it('turns meta statements into questions answered by their votes', () => {
    const votes: Vote[] = [];
    for (let p = 0; p < 40; p++) {
      const camp = p < 30 ? 1 : -1;
      for (let s = 0; s < 8; s++) votes.push({ participant: p, statement: s, vote: camp as 1 | -1 });
      // Statement 99 is meta: "I live north of the river", true for the first camp.
      votes.push({ participant: p, statement: 99, vote: camp as 1 | -1 });
    }
    const conversation = new Conversation({ seed: 1 });
    conversation.moderate([{ statement: 99, isMeta: true }]);
    conversation.addVotes(votes);
    const result = conversation.update();
    const r = representativeness(
      { result, votes: conversation.voteMatrix(), answers: [], population: [{ question: 'meta:99', answer: 'agree', share: 0.5 }, { question: 'meta:99', answer: 'disagree', share: 0.5 }] },
      { metaQuestions: true },
    );
    expect(r.questions[0]!.question).toBe('meta:99');
    expect(r.questions[0]!.answers.map((a) => a.n)).toEqual([30, 10]);
    expect(r.weights!.questions).toEqual(['meta:99']);
    expect(r.statements.map((s) => s.statement)).not.toContain(99);
    expect(r.statements[0]!.agreeWeighted).toBeCloseTo(0.5, 9);
  });

  it('names the problem in bad population figures and warns about unmatched ones', () => {
    const { conversation, result, answers } = planted();
    const votes = conversation.voteMatrix();
    expect(() => representativeness({ result, votes, answers, population: [{ question: 'district', answer: 'north', share: 0.7 }, { question: 'district', answer: 'south', share: 0.5 }] })).toThrow(
      /population shares of question "district" sum to 1\.2, not 1/,
    );
    expect(() => representativeness({ result, votes, answers, population: [{ question: 'age', answer: 'x', share: 1.5 }] })).toThrow(/question "age" answer "x" must be a number from 0 to 1, got 1\.5/);
    const r = representativeness({
      result,
      votes,
      answers,
      population: [
        { question: 'district', answer: 'north', share: 0.4 },
        { question: 'district', answer: 'south', share: 0.4 },
        { question: 'district', answer: 'islands', share: 0.2 },
      ],
    });
    expect(r.warnings).toEqual([{ question: 'district', answer: 'islands', message: expect.stringMatching(/nobody gave this answer/) }]);
    expect(r.statements[0]!.agreeWeighted).not.toBeNull();
  });

  it('gives the same bytes for the same input', () => {
    const a = planted();
    const b = planted();
    expect(JSON.stringify(representativeness({ result: a.result, votes: a.conversation.voteMatrix(), answers: a.answers, population: a.population }))).toBe(
      JSON.stringify(representativeness({ result: b.result, votes: b.conversation.voteMatrix(), answers: b.answers, population: b.population })),
    );
  });
});
