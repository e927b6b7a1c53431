import { describe, expect, it, vi } from 'vitest';
import { embedCode, embedFrameUrl, type EmbedChoice } from '../../src/client/embedCode.js';
import { embedParts, formatEmbedParts, parseEmbedParts } from '../../src/client/embedParts.js';

const base: EmbedChoice = { origin: 'https://kuulo.example.fi', conversationId: 'shore-path', topic: 'Benches & "the shore"', kind: 'element', parts: new Set(embedParts), lang: null, xid: false };

describe('parseEmbedParts(value) and formatEmbedParts(parts)', () => {
  it('reads space- or comma-separated names; none named is every part', () => {
    expect([...parseEmbedParts('voting map')]).toEqual(['voting', 'map']);
    expect([...parseEmbedParts('results,writing')]).toEqual(['results', 'writing']);
    expect([...parseEmbedParts(null)]).toEqual([...embedParts]);
    expect([...parseEmbedParts('  ')]).toEqual([...embedParts]);
  });

  it('leaves out an unknown name with a warning naming it and where it was', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect([...parseEmbedParts('voting maps', '?parts')]).toEqual(['voting']);
    expect(warn).toHaveBeenCalledWith('kuulo: unknown part "maps" in ?parts="voting maps" (known: voting, writing, map, results)');
    warn.mockRestore();
  });

  it('writes parts in a fixed order, and nothing for all of them', () => {
    expect(formatEmbedParts(new Set(['map', 'voting']))).toBe('voting map');
    expect(formatEmbedParts(new Set(embedParts))).toBe('');
  });
});

describe('embedCode(choice)', () => {
  it('gives the script and the element, with attributes only for what differs from the defaults', () => {
    expect(embedCode(base)).toBe('<script type="module" src="https://kuulo.example.fi/embed.js"></script>\n<kuulo-conversation conversation="shore-path"></kuulo-conversation>\n');
    expect(embedCode({ ...base, parts: new Set(['voting']), lang: 'fi', xid: true })).toContain('<kuulo-conversation conversation="shore-path" parts="voting" lang="fi" xid="USER-ID"></kuulo-conversation>');
  });

  it('gives an iframe of the participant page with the options in its address, an escaped title and a height script', () => {
    const code = embedCode({ ...base, kind: 'iframe', parts: new Set(['voting', 'map']), lang: 'sv', xid: true });
    expect(code).toContain('<iframe id="kuulo-shore-path" src="https://kuulo.example.fi/c/shore-path?parts=voting%2Cmap&amp;lang=sv&amp;xid=USER-ID" title="Benches &amp; &quot;the shore&quot;"');
    expect(code).toContain("if (frame && event.source === frame.contentWindow && event.data && event.data.type === 'kuulo:height') frame.style.height = event.data.height + 'px';");
    expect(embedFrameUrl({ ...base, kind: 'iframe' })).toBe('https://kuulo.example.fi/c/shore-path');
    expect(embedFrameUrl({ ...base, kind: 'iframe', xid: true })).toBe('https://kuulo.example.fi/c/shore-path?xid=USER-ID');
  });
});
