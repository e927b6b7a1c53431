import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { opinionMap, renderToString } from '../src/index';
import { createDocument, openDataResult, polisStatementText, uncertainResult } from './helpers/fixtures';
import { expectSvgSnapshot } from './helpers/svgSnapshot';

const conversation = 'below-100-ptpts';
const statementText = polisStatementText(conversation);
const render = (result: KuuloResult, options: Parameters<typeof opinionMap>[1] = {}): string =>
  renderToString((document) => opinionMap(result, { ...options, document }), { createDocument });
const parse = (svg: string): Document => new (createDocument().defaultView!.DOMParser)().parseFromString(svg, 'image/svg+xml');

/** Each dot's opacity attribute (null when absent), by participant row. */
function opacities(doc: Document, result: KuuloResult): (number | null)[] {
  const byKey = new Map(Array.from(doc.querySelectorAll('g.kuulo-participants circle')).map((c) => [c.getAttribute('data-key'), c.getAttribute('opacity')]));
  return result.participants.map((p) => {
    const value = byKey.get(String(p));
    return value === null || value === undefined ? null : Number(value);
  });
}

describe('opinionMap with result.uncertainty', () => {
  it('matches the snapshot of below-100-ptpts in stable mode with 20 bootstrap resamples', async () => {
    const result = uncertainResult(conversation);
    await expectSvgSnapshot(render(result, { statementText, you: result.participants[3] }), 'opinionMap-below-100-uncertainty');
  });

  it('fades each grouped dot by membership confidence (0.2 + 0.8 c): a less confident participant is fainter', () => {
    const result = uncertainResult(conversation);
    const confidence = result.uncertainty!.membershipConfidence;
    const shown = opacities(parse(render(result)), result);
    result.participantGroup.forEach((g, i) => {
      if (g === null) expect(shown[i]).toBeNull();
      else expect(shown[i]).toBeCloseTo(0.2 + 0.8 * confidence[i]!, 3);
    });
    const grouped = [...confidence.keys()].filter((i) => confidence[i] !== null);
    const low = grouped.reduce((a, b) => (confidence[b]! < confidence[a]! ? b : a));
    const high = grouped.reduce((a, b) => (confidence[b]! > confidence[a]! ? b : a));
    expect(confidence[low]!).toBeLessThan(confidence[high]!);
    expect(shown[low]!).toBeLessThan(shown[high]!);

    // The floor is an option, and uncertainty: false draws the plain map.
    const floor = opacities(parse(render(result, { minOpacity: 0.5 })), result);
    expect(floor[low]).toBeCloseTo(0.5 + 0.5 * confidence[low]!, 3);
    expect(opacities(parse(render(result, { uncertainty: false })), result).every((o) => o === null)).toBe(true);
    expect(render(result, { uncertainty: false })).toBe(render({ ...result, uncertainty: undefined }));
  });

  it('marks a group unstable (dashed hull, "· unstable 0.62" label) exactly when its stability is below stabilityThreshold', () => {
    for (const [name, mode] of [['below-100-ptpts', 'stable'], ['50ptpt-3gp-strict-no-meta', 'polis']] as const) {
      const result = uncertainResult(name, mode);
      const stability = new Map(result.uncertainty!.groups.map((g) => [g.id, g.stability]));
      const values = [...stability.values()].sort((a, b) => a - b);
      expect(values[0]).toBeLessThan(values.at(-1)!);
      const between = (values[0]! + values[1]!) / 2;
      for (const threshold of [undefined, between, 0, 1]) {
        const doc = parse(render(result, threshold === undefined ? {} : { stabilityThreshold: threshold }));
        const t = threshold ?? 0.75;
        const labels = Array.from(doc.querySelectorAll('g.kuulo-labels > g'));
        const unstableCount = result.groups.filter((g) => stability.get(g.id)! < t).length;
        if (threshold === between) expect(unstableCount).toBe(1);
        for (const g of result.groups) {
          const s = stability.get(g.id)!;
          const unstable = s < t;
          const hull = doc.querySelector(`g.kuulo-group[data-key="${g.id}"]`)!;
          expect(hull.querySelector('path')!.getAttribute('stroke-dasharray')).toBe(unstable ? '6 4' : null);
          expect(hull.getAttribute('aria-label')).toBe(`Group ${g.label}: ${g.size} participants, ${unstable ? 'unstable' : 'stable'} (stability ${s.toFixed(2)})`);
          const label = labels.find((l) => l.getAttribute('data-key') === String(g.id))!.querySelector('text')!.textContent;
          expect(label).toBe(unstable ? `${g.label} (${g.size}) · unstable ${s.toFixed(2)}` : `${g.label} (${g.size})`);
        }
      }
    }
  });

  it('states stability and membership confidence in the description and the data table', () => {
    const result = uncertainResult(conversation);
    const u = result.uncertainty!;
    const doc = parse(render(result));
    const desc = doc.querySelector('desc')!.textContent!;
    expect(desc).toContain(`Uncertainty from ${u.resamples} bootstrap resamples: group stability `);
    for (const g of result.groups) expect(desc).toContain(`${g.label} ${u.groups.find((s) => s.id === g.id)!.stability.toFixed(2)}`);
    const measured = u.membershipConfidence.filter((c) => c !== null);
    const confident = measured.filter((c) => c! >= 0.9).length;
    expect(desc).toContain(`(${confident} of ${measured.length}) kept their group in at least 90% of the resamples`);
    expect(desc).toContain('fainter dots kept it less often');

    const headers = Array.from(doc.querySelectorAll('thead th')).map((th) => th.textContent);
    expect(headers).toEqual(['Group', 'Participants', 'Stability', 'Members with confidence ≥ 0.9', 'Median confidence', 'Most representative statement']);
    const rows = Array.from(doc.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent));
    for (const g of result.groups) {
      const row = rows.find((r) => r[0] === `Group ${g.label}`)!;
      const s = u.groups.find((x) => x.id === g.id)!.stability;
      expect(row[2]).toBe(`${s.toFixed(2)}${s < 0.75 ? ' (unstable)' : ''}`);
      const mine = u.membershipConfidence.filter((c, i) => result.participantGroup[i] === g.id && c !== null);
      expect(row[3]).toBe(`${mine.filter((c) => c! >= 0.9).length} of ${mine.length}`);
    }
  });

  it('in density mode weights the shading by confidence and keeps the numbers in the table', () => {
    const result = uncertainResult('open-data/vtaiwan.uberx', 'polis', 6);
    const n = result.participants.length;
    const dense = (r: KuuloResult) => parse(render(r, { densityThreshold: n - 1 }));
    const paths = (doc: Document) => Array.from(doc.querySelectorAll('g.kuulo-density path')).map((p) => p.getAttribute('d'));
    const withConfidence = dense(result);
    expect(withConfidence.querySelectorAll('g.kuulo-participants circle')).toHaveLength(0);
    // Full confidence everywhere weighs every point 1, which is the plain map; real confidences change the shading.
    const certain: KuuloResult = { ...result, uncertainty: { ...result.uncertainty!, membershipConfidence: result.uncertainty!.membershipConfidence.map((c) => (c === null ? null : 1)) } };
    expect(paths(dense(certain))).toEqual(paths(dense(openDataResult())));
    expect(paths(withConfidence)).not.toEqual(paths(dense(openDataResult())));
    expect(withConfidence.querySelector('desc')!.textContent).toContain('the shading counts each participant by that confidence');
    expect(Array.from(withConfidence.querySelectorAll('thead th')).map((th) => th.textContent)).toContain('Median confidence');
  });

  it('redrawn in place with a result without uncertainty, drops the fading and the dashes', () => {
    const document = createDocument();
    const result = uncertainResult(conversation);
    const svg = opinionMap(result, { document, stabilityThreshold: 1 });
    expect(svg.querySelectorAll('circle[opacity]').length).toBeGreaterThan(0);
    expect(svg.querySelectorAll('path[stroke-dasharray]')).toHaveLength(result.groups.length);
    opinionMap({ ...result, uncertainty: undefined }, { document, target: svg });
    expect(svg.querySelectorAll('circle[opacity], path[stroke-dasharray]')).toHaveLength(0);
    expect(Array.from(svg.querySelectorAll('g.kuulo-labels text')).map((t) => t.textContent).join(' ')).not.toContain('unstable');
  });

  it('rejects uncertainty that does not line up with the result, and bad options, naming them', () => {
    const result = uncertainResult(conversation);
    const document = createDocument();
    const u = result.uncertainty!;
    expect(() => opinionMap({ ...result, uncertainty: { ...u, membershipConfidence: u.membershipConfidence.slice(1) } }, { document })).toThrow(
      `opinionMap: result.uncertainty.membershipConfidence has ${result.participants.length - 1} entries, expected ${result.participants.length} (one per participant)`,
    );
    expect(() => opinionMap({ ...result, uncertainty: { ...u, groups: u.groups.slice(1) } }, { document })).toThrow('opinionMap: result.uncertainty.groups are for groups [');
    expect(() => opinionMap(result, { document, minOpacity: 1.5 })).toThrow('opinionMap: options.minOpacity must be a number in [0, 1], got 1.5');
    expect(() => opinionMap(result, { document, stabilityThreshold: -1 })).toThrow('opinionMap: options.stabilityThreshold must be a number in [0, 1], got -1');
  });
});
