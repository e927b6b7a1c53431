import { embedParts, formatEmbedParts, type EmbedPart } from './embedParts';

/** What the admin chose for an embed. */
export interface EmbedChoice {
  /** The Kuulo server's origin, e.g. https://kuulo.example.fi. */
  origin: string;
  conversationId: string;
  /** The conversation's topic: the iframe's title, which screen readers announce. */
  topic: string;
  /** A script and the `<kuulo-conversation>` element (recommended), or an iframe of the participant page. */
  kind: 'element' | 'iframe';
  parts: ReadonlySet<EmbedPart>;
  /** Interface language, or null for the reader's own. */
  lang: string | null;
  /** Whether the host passes its own id for the signed-in person. */
  xid: boolean;
}

/** Stands for the host's own id of the signed-in person; the host's server writes the real one in. */
export const xidPlaceholder = 'USER-ID';

/** A value for a double-quoted HTML attribute. */
const attr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The participant page's address with the choice's options (what the iframe loads). */
export function embedFrameUrl(choice: EmbedChoice): string {
  const url = new URL(`/c/${encodeURIComponent(choice.conversationId)}`, choice.origin);
  const parts = formatEmbedParts(choice.parts);
  if (parts) url.searchParams.set('parts', embedParts.filter((p) => choice.parts.has(p)).join(','));
  if (choice.lang) url.searchParams.set('lang', choice.lang);
  // The placeholder stays readable in the code; the host replaces it with a URL-encoded id.
  return url.toString() + (choice.xid ? `${url.search ? '&' : '?'}xid=${xidPlaceholder}` : '');
}

/**
 * The HTML a host site pastes. The element sizes itself; the iframe gets a small script that sets its
 * height from the page's `kuulo:height` messages (checked to come from this very iframe).
 */
export function embedCode(choice: EmbedChoice): string {
  const parts = formatEmbedParts(choice.parts);
  if (choice.kind === 'element') {
    const attributes = [
      `conversation="${attr(choice.conversationId)}"`,
      parts && `parts="${attr(parts)}"`,
      choice.lang && `lang="${attr(choice.lang)}"`,
      choice.xid && `xid="${xidPlaceholder}"`,
    ].filter(Boolean);
    return `<script type="module" src="${attr(new URL('/embed.js', choice.origin).toString())}"></script>\n<kuulo-conversation ${attributes.join(' ')}></kuulo-conversation>\n`;
  }
  const id = `kuulo-${choice.conversationId}`;
  return [
    `<iframe id="${attr(id)}" src="${attr(embedFrameUrl(choice))}" title="${attr(choice.topic)}" style="display:block;width:100%;height:640px;border:0" loading="lazy"></iframe>`,
    '<script>',
    `addEventListener('message', function (event) {`,
    `  var frame = document.getElementById('${id}');`,
    `  if (frame && event.source === frame.contentWindow && event.data && event.data.type === 'kuulo:height') frame.style.height = event.data.height + 'px';`,
    '});',
    '</script>',
    '',
  ].join('\n');
}
