// Kuulo in twenty lines: feed a real Polis conversation's votes, read its groups, consensus and next statement.
import { readFileSync } from 'node:fs';
import { Conversation, parsePolisCommentsJson, parsePolisVotesJson } from '@kuulo/core';

const fixture = new URL('../../packages/core/test/fixtures/polis-math-fixtures/below-100-ptpts/', import.meta.url);
const votes = parsePolisVotesJson(readFileSync(new URL('votes.json', fixture), 'utf8'));
const { statements, moderation } = parsePolisCommentsJson(readFileSync(new URL('comments.json', fixture), 'utf8'));
const text = (id: string | number) => `#${id} "${statements.find((s) => s.id === id)?.text ?? '?'}"`;
const percent = (p: number) => `${Math.round(p * 100)}%`;

const conversation = new Conversation({ seed: 1 });
conversation.moderate(moderation);
conversation.addVotes(votes);
const result = conversation.update();

console.log(`${votes.length} votes by ${result.participants.length} participants on ${result.statements.length} statements`);
for (const group of result.groups) {
  const top = group.repness[0];
  console.log(`Group ${group.label} (${group.size} people)` + (top ? ` stands for ${text(top.statement)}: ${percent(top.pSuccess)} ${top.repfulFor}` : ''));
}
for (const c of result.consensus.agree) console.log(`Most agree: ${text(c.statement)} (${percent(c.pSuccess)} of ${c.nTrials})`);
for (const c of result.consensus.disagree) console.log(`Most disagree: ${text(c.statement)} (${percent(c.pSuccess)} of ${c.nTrials})`);
const shown = statements.filter((s) => s.moderation !== -1 && !s.isMeta).map((s) => s.id);
console.log(`Next for a newcomer: ${text(conversation.nextStatement('newcomer', shown) ?? '?')}`);
