import type { KuuloResult } from '@kuulo/core';
import { describe, expect, it } from 'vitest';
import { groupColor, groupPanel, liveChart, opinionMap } from '../src/index';
import { createDocument } from './helpers/fixtures';
import { prettySvg } from './helpers/svgSnapshot';
import { twoUpdates } from './helpers/twoUpdates';

const serialize = (svg: SVGSVGElement): string => prettySvg(new (svg.ownerDocument.defaultView!.XMLSerializer)().serializeToString(svg), true);
const fresh = (result: KuuloResult, options: Parameters<typeof opinionMap>[1] = {}): string => serialize(opinionMap(result, { ...options, document: createDocument() }));
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('liveChart', () => {
  const [first, second] = twoUpdates();

  it('the two live results are different maps (more participants, moved dots)', () => {
    expect(second.participants.length).toBeGreaterThan(first.participants.length);
    expect(first.groups.length).toBeGreaterThan(0);
    expect(fresh(second)).not.toBe(fresh(first));
  });

  it('update(next) without animation leaves exactly the SVG a fresh render of next gives', () => {
    const map = liveChart(opinionMap, first, { document: createDocument(), duration: 0, zoom: false, you: first.participants[0] });
    expect(serialize(map.node)).toBe(fresh(first, { you: first.participants[0] }));
    map.update(second);
    expect(serialize(map.node)).toBe(fresh(second, { you: first.participants[0] }));
  });

  it('update(next) animates dots and hulls, and ends at the fresh render', async () => {
    const map = liveChart(opinionMap, first, { document: createDocument(), duration: 40, zoom: false });
    map.update(second);
    // Mid-transition the old positions are still there…
    const dot = map.node.querySelector(`g.kuulo-participants circle[data-key="${first.participants[0]}"]`)!;
    const start = dot.getAttribute('cx');
    expect(fresh(first)).toContain(`cx="${start}"`);
    await wait(250);
    // …and when it ends, the map is exactly the new result's.
    expect(serialize(map.node)).toBe(fresh(second));
  });

  it('keeps each group id\'s colour through updates', () => {
    const map = liveChart(opinionMap, first, { document: createDocument(), duration: 0, zoom: false });
    map.update(second);
    for (const hull of map.node.querySelectorAll('g.kuulo-group')) {
      expect(hull.querySelector('path')!.getAttribute('fill')).toBe(groupColor(Number(hull.getAttribute('data-key'))));
    }
  });

  it('turns animation off when the user prefers reduced motion', () => {
    const document = createDocument();
    const view = document.defaultView! as unknown as { matchMedia: (q: string) => { matches: boolean } };
    view.matchMedia = (q) => ({ matches: q === '(prefers-reduced-motion: reduce)' });
    const map = liveChart(opinionMap, first, { document, duration: 5000, zoom: false });
    map.update(second);
    expect(serialize(map.node)).toBe(fresh(second));
  });

  it('zoom: keys zoom and pan the viewport, 0 resets, destroy removes it', () => {
    const document = createDocument();
    const map = liveChart(opinionMap, first, { document, duration: 0 });
    const viewport = map.node.querySelector('g.kuulo-viewport')!;
    expect(map.node.getAttribute('tabindex')).toBe('0');
    const key = (k: string): boolean => map.node.dispatchEvent(new document.defaultView!.KeyboardEvent('keydown', { key: k, cancelable: true }));
    expect(key('+')).toBe(false);
    expect(viewport.getAttribute('transform')).toMatch(/scale\(1\.5\)/);
    key('ArrowLeft');
    key('0');
    expect(viewport.getAttribute('transform')).toBe('translate(0,0) scale(1)');
    expect(key('x')).toBe(true);
    map.destroy();
    expect(viewport.hasAttribute('transform')).toBe(false);
    expect(map.node.hasAttribute('tabindex')).toBe(false);
    expect(() => map.update(second)).toThrow('liveChart: update() called after destroy()');
  });

  it('works for the bar charts too: update redraws the panel for the new result', () => {
    const document = createDocument();
    const panel = liveChart(groupPanel, first, { document });
    const before = panel.node.querySelectorAll('g.kuulo-statement-block').length;
    panel.update(second);
    expect(before).toBe(first.groups.reduce((s, g) => s + g.repness.length, 0));
    expect(panel.node.querySelectorAll('g.kuulo-statement-block')).toHaveLength(second.groups.reduce((s, g) => s + g.repness.length, 0));
    expect(panel.node.querySelectorAll('title')).toHaveLength(1 + panel.node.querySelectorAll('g.kuulo-tally-bar').length);
    expect(serialize(panel.node)).toBe(serialize(groupPanel(second, { document: createDocument() })));
  });
});
