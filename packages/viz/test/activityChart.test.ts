// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { activityChart, type ActivitySpan } from '../src/index';

const hour = 3_600_000;
const t0 = Date.parse('2026-03-02T07:00:00Z');
const spans: ActivitySpan[] = [
  { start: t0, end: t0 + 2 * hour, participants: 7, votes: 40, statements: 2 },
  { start: t0 + 5 * hour, end: t0 + 6 * hour, participants: 14, votes: 10, statements: 0 },
];
const texts = {
  title: 'Activity by hour',
  description: 'Participants, votes and statements per hour.',
  labels: { participants: 'Participants', votes: 'Votes', statements: 'Statements' },
  table: { caption: 'Activity by hour', time: 'Time' },
};

describe('activityChart(spans, options)', () => {
  it('draws a row per series with bars as wide as their spans, each row on its own scale', () => {
    const svg = activityChart(spans, { ...texts, width: 600 });
    expect(svg.getAttribute('viewBox')).toBe(`0 0 600 ${svg.getAttribute('height')}`);
    const rows = [...svg.querySelectorAll('.kuulo-activity-row')];
    expect(rows.map((r) => r.querySelector('text')!.textContent)).toEqual(['Participants', 'Votes', 'Statements']);
    expect(rows.map((r) => r.querySelectorAll('text')[1]!.textContent)).toEqual(['14', '40', '2']);
    const [merged, single] = [...rows[0]!.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    // Two hours against one: twice as wide (less the 1 px gap between bars).
    expect(merged! + 1).toBeCloseTo(2 * (single! + 1), 0);
    const heights = (row: Element) => [...row.querySelectorAll('rect')].map((r) => Number(r.getAttribute('height')));
    expect(heights(rows[0]!)[0]! / heights(rows[0]!)[1]!).toBeCloseTo(7 / 14, 2);
    expect(heights(rows[1]!)[1]! / heights(rows[1]!)[0]!).toBeCloseTo(10 / 40, 2);
    expect(heights(rows[2]!)[1]).toBe(0);
  });

  it('has a title, a description and a data table of every span for screen readers', () => {
    const svg = activityChart(spans, { ...texts, formatSpan: (s) => `${(s.start - t0) / hour}–${(s.end - t0) / hour}` });
    const id = svg.getAttribute('data-chart-id');
    expect(svg.querySelector('title')!.textContent).toBe('Activity by hour');
    expect(svg.getAttribute('aria-describedby')).toBe(`${id}-desc ${id}-table`);
    const cells = [...svg.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(cells).toEqual([
      ['0–2', '7', '40', '2'],
      ['5–6', '14', '10', '0'],
    ]);
    expect([...svg.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Time', 'Participants', 'Votes', 'Statements']);
  });

  it('redraws into its target, draws an empty chart without spans, and refuses a span that ends before it starts', () => {
    const svg = activityChart(spans, texts);
    expect(activityChart([], { ...texts, target: svg })).toBe(svg);
    expect(svg.querySelectorAll('.kuulo-activity-bar').length).toBe(0);
    expect(svg.querySelectorAll('style').length).toBe(1);
    expect(() => activityChart([{ start: t0, end: t0, participants: 1, votes: 1, statements: 0 }], texts)).toThrow(`activityChart: a span must end after it starts, got start ${t0} end ${t0}`);
  });
});
