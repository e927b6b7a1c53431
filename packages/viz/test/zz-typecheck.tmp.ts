import { liveChart, opinionMap, groupPanel } from '/work/main/packages/viz/src/index';
declare const r: any;
liveChart(opinionMap, r, { you: 3, duration: 5 });
liveChart(groupPanel, r, { groups: [1] });
// @ts-expect-error unknown option for the panel
liveChart(groupPanel, r, { you: 3 });
