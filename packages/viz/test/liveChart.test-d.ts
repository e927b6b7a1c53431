// Type-level checks (run by `tsc`): liveChart takes the options of the chart it wraps.
import type { KuuloResult } from '@kuulo/core';
import { liveChart, opinionMap, groupPanel, statementChart, type ChartController, type StatementChartOptions } from '../src/index';

declare const result: KuuloResult;

export const map: ChartController = liveChart(opinionMap, result, { you: 3, duration: 5, zoom: false });
export const panel: ChartController = liveChart(groupPanel, result, { groups: [1] });
export const one: ChartController = liveChart((r: KuuloResult, o?: StatementChartOptions) => statementChart(r, 12, o), result, { width: 400 });
// @ts-expect-error `you` is an opinion map option, not a group panel one
liveChart(groupPanel, result, { you: 3 });
// @ts-expect-error duration must be a number
liveChart(opinionMap, result, { duration: 'fast' });
