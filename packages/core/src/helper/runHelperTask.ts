import { assignPointsTask } from '../cluster/assignPoints.js';
import { columnSums } from '../pca/columnMeans.js';
import { scatterHalf, voteCells } from '../pca/covarianceProduct.js';
import { rowDotsRange } from '../pca/rowDots.js';
import { firstBadVote, flipVotes, latestTime, mapKnownIds, rowTimeOrder } from '../store/adoptPart.js';
import { copyChunkRows, countChunkRows } from '../store/sortByCell.js';
import { tallyRange } from '../stats/tallies.js';
import { sortRowSegments } from '../store/sortRowSegments.js';
import type { HelperTask } from './mathHelper.js';

/** Computes one `HelperTask`: the entry point of a helper thread (and of this one when there is none). */
export function runHelperTask(task: HelperTask): void {
  switch (task.kind) {
    case 'scatter':
      return scatterHalf(task.rowPtr, task.colIdx, task.values, task.cells, task.weighted, task.sums, task.from, task.to);
    case 'tallyRows':
      task.agree.fill(0);
      task.disagree.fill(0);
      task.seen.fill(0);
      return tallyRange(task.rowPtr, task.colIdx, task.values, task.rowGroup, task.nCols, task.agree, task.disagree, task.seen, task.from, task.to);
    case 'voteCells':
      return voteCells(task.colIdx, task.values, task.cells, task.from, task.to);
    case 'sortRows':
      return sortRowSegments(task.col, task.value, task.time, task.start, task.maxCol);
    case 'rowDots':
      return rowDotsRange(task.rowPtr, task.colIdx, task.values, task.center, task.pc1, task.pc2, task.modOut, task.dots, task.voted, task.from, task.to);
    case 'checkVotes':
      task.result[0] = firstBadVote(task.vote, task.time);
      return;
    case 'adoptPart':
      task.result[0] = mapKnownIds(task.participant, task.participants);
      task.result[1] = mapKnownIds(task.statement, task.statements);
      flipVotes(task.vote);
      task.latest[0] = latestTime(task.time);
      return;
    case 'countRows':
      return countChunkRows(task.row, task.minRow, task.runs, task.next);
    case 'copyRows':
      return copyChunkRows(task, task.minRow, task.runs, task.next, task.toCol, task.toValue, task.toTime);
    case 'columnSums':
      return columnSums(task.colIdx, task.values, task.from, task.to, task.sum, task.count);
    case 'timeOrder':
      task.result[0] = rowTimeOrder(task.row, task.time, task.first, task.last) ? 1 : 0;
      return;
    case 'assignPoints':
      return assignPointsTask(task);
    default:
      throw new TypeError(`unknown helper task: ${String((task as { kind: unknown }).kind)}`);
  }
}
