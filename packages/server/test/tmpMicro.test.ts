import { test } from 'vitest';
import { build, createConversation, join, seed } from './helper.js';

test('micro', async () => {
  const t = await build({ math: { enabled: false } });
  const { id } = await createConversation(t);
  const ids = await seed(t, id, Array.from({ length: 30 }, (_, i) => `s${i}`));
  const tokens: string[] = [];
  for (let i = 0; i < 200; i++) tokens.push((await join(t, id)).token);
  for (let round = 0; round < 3; round++) {
    const n = 4000;
    const t0 = performance.now();
    const batch = [];
    for (let i = 0; i < n; i++) {
      batch.push(t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, headers: { 'x-participant-token': tokens[i % 200]!, 'content-type': 'application/json' }, payload: JSON.stringify({ statementId: ids[i % 30], vote: 'agree' }) }));
      if (batch.length === 50) { await Promise.all(batch); batch.length = 0; }
    }
    await Promise.all(batch);
    console.log('µs per vote', ((performance.now() - t0) * 1000 / n).toFixed(0));
  }
});
