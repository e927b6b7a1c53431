import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticConversation } from './generateConversation.js';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const flushChars = 1 << 20;

/**
 * Write a synthetic conversation as a Polis open-data export in `dir`: `votes.csv`
 * (timestamp,datetime,comment-id,voter-id,vote; agree = +1), `comments.csv` (all moderated in), and
 * `truth.json` (options, planted group per participant, planted common-ground statement ids).
 * Returns the paths written.
 */
export function writePolisExport(conversation: SyntheticConversation, dir: string): { votes: string; comments: string; truth: string } {
  mkdirSync(dir, { recursive: true });
  const votesPath = join(dir, 'votes.csv');
  const commentsPath = join(dir, 'comments.csv');
  const truthPath = join(dir, 'truth.json');
  const { participant, statement, vote, time } = conversation;

  const fd = openSync(votesPath, 'w');
  try {
    let text = 'timestamp,datetime,comment-id,voter-id,vote\n';
    const format = datetimeFormatter();
    for (let k = 0; k < vote.length; k++) {
      const t = time[k]!;
      text += `${t},${format(t)},${statement[k]},${participant[k]},${vote[k]}\n`;
      if (text.length > flushChars) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }

  const m = conversation.options.comments;
  const agrees = new Int32Array(m);
  const disagrees = new Int32Array(m);
  for (let k = 0; k < vote.length; k++) {
    if (vote[k] === 1) agrees[statement[k]!]!++;
    else if (vote[k] === -1) disagrees[statement[k]!]!++;
  }
  const format = datetimeFormatter();
  const lines = ['timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body'];
  for (let j = 0; j < m; j++) {
    const t = conversation.statementTime[j]!;
    lines.push(`${Math.floor(t)},${format(t)},${j},${conversation.statementAuthor[j]},${agrees[j]},${disagrees[j]},1,"Synthetic statement ${j}"`);
  }
  writeFileSync(commentsPath, lines.join('\n') + '\n');

  const truth = {
    format: 'kuulo-synthetic-truth@1',
    options: conversation.options,
    participantGroup: Array.from(conversation.truth.group),
    commonGround: Array.from(conversation.truth.commonGround),
  };
  writeFileSync(truthPath, JSON.stringify(truth));
  return { votes: votesPath, comments: commentsPath, truth: truthPath };
}

/**
 * Formats Polis's export datetime ("Wed Jun 18 08:16:54 WIB 2014"), here in UTC. The date part is
 * cached per day because `Date` formatting per vote dominates writing a large file.
 */
function datetimeFormatter(): (ms: number) => string {
  const dayMs = 86_400_000;
  let day = Number.NaN;
  let head = '';
  let tail = '';
  return (ms) => {
    const d = Math.floor(ms / dayMs);
    if (d !== day) {
      day = d;
      const date = new Date(d * dayMs);
      head = `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${two(date.getUTCDate())} `;
      tail = ` UTC ${date.getUTCFullYear()}`;
    }
    const seconds = Math.floor((ms - d * dayMs) / 1000);
    return `${head}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${tail}`;
  };
}

function two(x: number): string {
  return x < 10 ? `0${x}` : `${x}`;
}
