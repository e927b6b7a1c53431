// `pnpm exec tsx --conditions=@kuulo/source bench/representativeness/representativenessBench.ts [--participants N,M] [--statements S] [--questions Q] [--runs R]`:
// what core's representativeness section costs beside the pipeline it follows (the server computes both with each math tick),
// and how well the weighted figures recover the population on a planted conversation. The last stdout line is one JSON object.
import { parseArgs } from 'node:util';
import { Conversation, lcg, representativeness, type ParticipantAnswer, type PopulationShare } from '../../packages/core/src/index.js';

const { values } = parseArgs({
  options: {
    participants: { type: 'string', default: '10000,100000' },
    statements: { type: 'string', default: '50' },
    questions: { type: 'string', default: '3' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
});
const sizes = values.participants.split(',').map(Number);
const nStatements = Number(values.statements);
const nQuestions = Number(values.questions);
const runs = Number(values.runs);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Half the population is "north", but 3 in 4 participants are; the north agrees with each statement at 0.8, the south at 0.2
 * (population truth 0.5 of non-pass votes). Question 0 is the district (population 50/50); the others are independent
 * 4-answer questions with uniform population shares. Each participant votes on about 60% of the statements, and
 * 10% leave each question unanswered.
 */
function planted(participants: number, seed: number) {
  const random = lcg(seed);
  const pid = new Int32Array(participants * nStatements);
  const tid = new Int32Array(participants * nStatements);
  const vote = new Int8Array(participants * nStatements);
  let n = 0;
  const answers: ParticipantAnswer[] = [];
  for (let p = 0; p < participants; p++) {
    const north = random() < 0.75;
    for (let s = 0; s < nStatements; s++) {
      if (random() > 0.6) continue;
      pid[n] = p;
      tid[n] = s;
      vote[n++] = random() < 0.1 ? 0 : random() < (north ? 0.8 : 0.2) ? 1 : -1;
    }
    for (let q = 0; q < nQuestions; q++) {
      if (random() < 0.1) continue;
      answers.push({ participant: p, question: `q${q}`, answer: q === 0 ? (north ? 'north' : 'south') : `a${Math.floor(random() * 4)}` });
    }
  }
  const population: PopulationShare[] = [
    { question: 'q0', answer: 'north', share: 0.5 },
    { question: 'q0', answer: 'south', share: 0.5 },
    ...Array.from({ length: nQuestions - 1 }, (_, q) => Array.from({ length: 4 }, (_, a) => ({ question: `q${q + 1}`, answer: `a${a}`, share: 0.25 }))).flat(),
  ];
  return { columns: { participant: pid.subarray(0, n), statement: tid.subarray(0, n), vote: vote.subarray(0, n) }, votes: n, answers, population };
}

const results = [];
for (const participants of sizes) {
  const data = planted(participants, Number(values.seed));
  const conversation = new Conversation({ seed: 1 });
  conversation.addVoteColumns(data.columns);
  let t = performance.now();
  const result = conversation.update();
  const pipelineMs = performance.now() - t;
  const times: number[] = [];
  let section = null;
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    section = representativeness({ result, votes: conversation.voteMatrix(), answers: data.answers, population: data.population });
    times.push(performance.now() - t);
  }
  const statements = section!.statements.filter((s) => s.agree !== null);
  const meanAbs = (pick: (s: (typeof statements)[number]) => number) => statements.reduce((x, s) => x + Math.abs(pick(s)), 0) / statements.length;
  // Truth: 0.5 of the 90% who do not pass agree.
  results.push({
    participants,
    statements: nStatements,
    questions: nQuestions,
    votes: data.votes,
    answers: data.answers.length,
    pipelineColdMs: Math.round(pipelineMs),
    representativenessMedianMs: Math.round(median(times) * 10) / 10,
    ratioToPipeline: Math.round((median(times) / pipelineMs) * 1000) / 1000,
    designEffect: section!.weights?.designEffect,
    meanAbsErrorRaw: Math.round(meanAbs((s) => s.agree! - 0.45) * 1e4) / 1e4,
    meanAbsErrorWeighted: Math.round(meanAbs((s) => s.agreeWeighted! - 0.45) * 1e4) / 1e4,
  });
  process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
}
process.stdout.write(`${JSON.stringify({ bench: 'representativeness', runs, results })}\n`);
