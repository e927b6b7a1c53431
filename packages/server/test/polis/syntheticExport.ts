/**
 * A Polis open-data export of `votes` votes (export sign, agree = +1) in time order: voter i % participants
 * on statement ⌊i / participants⌋ % statements, so no cell repeats below participants × statements votes.
 */
export function syntheticExport(votes: number, options: { participants?: number; statements?: number } = {}): { 'comments.csv': string; 'votes.csv': string } {
  const { participants = 2000, statements = 200 } = options;
  const start = Date.UTC(2024, 0, 1);
  const comments = ['timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body'];
  for (let tid = 0; tid < statements; tid++) comments.push(`${start + tid},,${tid},${tid % participants},0,0,1,Statement number ${tid}`);
  const rows = ['timestamp,datetime,comment-id,voter-id,vote'];
  let x = 42;
  for (let i = 0; i < votes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    rows.push(`${start + 1000 + i},,${Math.floor(i / participants) % statements},${i % participants},${(x >>> 16) % 3 - 1}`);
  }
  return { 'comments.csv': comments.join('\n') + '\n', 'votes.csv': rows.join('\n') + '\n' };
}
