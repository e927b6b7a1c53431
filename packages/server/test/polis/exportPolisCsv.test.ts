import { describe, expect, test } from 'vitest';
import { commentsCsv, participantsVotesCsv, summaryCsv, votesCsv, type CsvExportOptions } from '../../src/polis/exportPolisCsv.js';
import { parsePolisExport } from '../../src/polis/parsePolisExport.js';
import { importConversation } from '../../src/services/importConversation.js';
import { demoCsv } from '../demoFiles.js';
import { build } from '../helper.js';
import { legacyCsv } from './legacyCsvExports.js';

async function collect(chunks: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('exportPolisCsv generators', () => {
  test('tiny pages (participants cut by a page, one participant larger than a page, the cell budget) give the same files', async () => {
    const t = await build();
    const files = demoCsv();
    const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': files['comments.csv'], 'votes.csv': files['votes.csv'] } });
    const { conversation: c } = await importConversation(t.app.db, { id: 'demo', topic: 'Demo' }, data, t.app.kuulo.config.limits);
    const db = t.app.db;
    const tiny: CsvExportOptions = { chunkRows: 7, chunkCells: 200 };
    const pages = {
      'comments.csv': await collect(commentsCsv(db, c, tiny)),
      'votes.csv': await collect(votesCsv(db, c, tiny)),
      'participants-votes.csv': await collect(participantsVotesCsv(db, c, tiny)),
      'summary.csv': await collect(summaryCsv(db, c, '', tiny)),
    };
    for (const [file, chunks] of Object.entries(pages)) {
      expect(chunks.join('') === await legacyCsv(db, c, file as keyof typeof pages, true), file).toBe(true);
    }
    // Several pages each (summary.csv is one chunk however its voters are counted).
    expect(pages['comments.csv'].length).toBeGreaterThan(5);
    expect(pages['votes.csv'].length).toBeGreaterThan(400);
    expect(pages['participants-votes.csv'].length).toBeGreaterThan(100);
    expect(pages['summary.csv']).toHaveLength(1);
  });

  test('an empty conversation exports the header lines', async () => {
    const t = await build();
    const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n', 'votes.csv': 'timestamp,datetime,comment-id,voter-id,vote\n' } });
    const { conversation: c } = await importConversation(t.app.db, { id: 'empty', topic: 'Empty' }, data, t.app.kuulo.config.limits);
    expect((await collect(votesCsv(t.app.db, c))).join('')).toBe('timestamp,datetime,comment-id,voter-id,vote\n');
    expect((await collect(participantsVotesCsv(t.app.db, c))).join('')).toBe('participant,group-id,n-comments,n-votes,n-agree,n-disagree\n');
    expect((await collect(commentsCsv(t.app.db, c))).join('')).toBe('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,language,translations\n');
  });
});
