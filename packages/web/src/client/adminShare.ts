import type { Translator } from '@kuulo/viz';
import type { ApiClient } from './apiClient';
import type { Conversation } from './apiTypes';
import { copyField } from './copyField';
import { embedCode, xidPlaceholder, type EmbedChoice } from './embedCode';
import { embedParts, formatEmbedParts, type EmbedPart } from './embedParts';
import { el, uniqueId } from './el';
import { availableLanguages } from './i18n';
import { languageName } from './languageName';
import { qrCode } from './qrCode';

/** What the admin console hands each panel it mounts. */
export interface PanelContext {
  conversation: Conversation;
  /** The conversation's API, every call with the admin key. */
  api: ApiClient;
  t: Translator;
}

/** A part's name in the reader's language (written out, so the catalog check sees every key). */
function partName(part: EmbedPart, t: Translator): string {
  switch (part) {
    case 'voting':
      return t.t('share.part.voting');
    case 'writing':
      return t.t('share.part.writing');
    case 'map':
      return t.t('share.part.map');
    case 'results':
      return t.t('share.part.results');
  }
}

/** Loads the `<kuulo-conversation>` element from this server once, as a host site would. */
function loadEmbedScript(): void {
  if (customElements.get('kuulo-conversation') || document.querySelector('script[data-kuulo-embed]')) return;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/embed.js';
  script.dataset.kuuloEmbed = '';
  document.head.append(script);
}

/** A button copying `text()` to the clipboard, saying in `status` whether it worked (else select the field and copy by hand). */
function copyButton(label: string, field: HTMLInputElement | HTMLTextAreaElement, status: HTMLElement, t: Translator): HTMLButtonElement {
  return el('button', {
    class: 'kuulo-button kuulo-small',
    attrs: { type: 'button' },
    on: {
      click: () =>
        copyField(
          field,
          () => void (status.textContent = t.t('share.copied')),
          () => void (status.textContent = t.t('share.copyByHand')),
        ),
    },
  }, [label]);
}

/**
 * Share and embed: the participant link with a copy button and its QR code, and the embed code
 * for another site with its options (element or iframe; which parts; language; the host's own
 * participant id), previewed live with the real `<kuulo-conversation>` element. Returns a function
 * that removes the preview (it follows the conversation's events).
 */
export function renderSharePanel(container: HTMLElement, ctx: PanelContext): () => void {
  const { conversation, t } = ctx;
  const origin = location.origin;
  const link = new URL(`/c/${encodeURIComponent(conversation.id)}`, origin).toString();
  const titleId = uniqueId('share-title');
  const status = el('p', { class: 'kuulo-share-status', attrs: { role: 'status', 'aria-live': 'polite' } });

  const linkId = uniqueId('share-link');
  const linkField = el('input', { class: 'kuulo-input kuulo-share-link', attrs: { id: linkId, readonly: true, spellcheck: 'false' } });
  linkField.value = link;
  const qr = qrCode(link, t.t('share.qr.label', { url: link }));
  const svgText = new XMLSerializer().serializeToString(qr);
  const download = el('a', { class: 'kuulo-share-download', attrs: { href: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`, download: `${conversation.id}-qr.svg` } }, [
    t.t('share.qr.download'),
  ]);

  // The embed generator: every change redraws the code and the preview.
  const name = uniqueId('share');
  const radio = (group: string, value: string, label: string, checked: boolean): HTMLElement => {
    const id = uniqueId('share-option');
    return el('div', { class: 'kuulo-check' }, [
      el('input', { attrs: { type: 'radio', id, name: `${name}-${group}`, value, checked } }),
      el('label', { attrs: { for: id } }, [label]),
    ]);
  };
  const partBoxes = embedParts.map((part) => {
    const id = uniqueId('share-part');
    const box = el('input', { attrs: { type: 'checkbox', id, value: part, checked: true } });
    return { part, box, element: el('div', { class: 'kuulo-check' }, [box, el('label', { attrs: { for: id } }, [partName(part, t)])]) };
  });
  const partsProblem = el('p', { class: 'kuulo-hint kuulo-share-problem', attrs: { id: uniqueId('share-parts-problem') } });
  const langId = uniqueId('share-lang');
  const langSelect = el('select', { class: 'kuulo-input', attrs: { id: langId } }, [
    el('option', { attrs: { value: '' } }, [t.t('share.embed.lang.reader')]),
    ...availableLanguages.map((code) => el('option', { attrs: { value: code, lang: code } }, [languageName(code, t)])),
  ]);
  const xidHint = el('p', { class: 'kuulo-hint' });
  const codeId = uniqueId('share-code');
  const code = el('textarea', { class: 'kuulo-input kuulo-share-code', attrs: { id: codeId, readonly: true, rows: 7, spellcheck: 'false', wrap: 'soft' } });
  const form = el('form', { class: 'kuulo-share-form', on: { submit: (event) => event.preventDefault(), change: () => update() } }, [
    el('fieldset', { class: 'kuulo-fieldset' }, [
      el('legend', {}, [t.t('share.embed.kind')]),
      radio('kind', 'element', t.t('share.embed.kind.element'), true),
      radio('kind', 'iframe', t.t('share.embed.kind.iframe'), false),
    ]),
    el('fieldset', { class: 'kuulo-fieldset', attrs: { 'aria-describedby': partsProblem.id } }, [el('legend', {}, [t.t('share.embed.parts')]), ...partBoxes.map((p) => p.element), partsProblem]),
    el('label', { attrs: { for: langId } }, [t.t('share.embed.lang')]),
    langSelect,
    el('fieldset', { class: 'kuulo-fieldset' }, [
      el('legend', {}, [t.t('share.embed.xid')]),
      radio('xid', 'none', t.t('share.embed.xid.none'), true),
      radio('xid', 'site', t.t('share.embed.xid.site'), false),
      xidHint,
    ]),
  ]);

  const previewId = uniqueId('share-preview');
  const preview = document.createElement('kuulo-conversation');
  preview.setAttribute('conversation', conversation.id);
  const heightText = el('p', { class: 'kuulo-hint kuulo-share-height' });
  preview.addEventListener('kuulo-height', (event) => {
    heightText.textContent = t.t('share.preview.height', { height: (event as CustomEvent<{ height: number }>).detail.height });
  });
  const previewNote = el('p', { class: 'kuulo-hint' });

  container.replaceChildren(
    el('section', { class: 'kuulo-card kuulo-share', attrs: { 'aria-labelledby': titleId } }, [
      el('h3', { class: 'kuulo-card-title', attrs: { id: titleId } }, [t.t('share.title')]),
      el('label', { attrs: { for: linkId } }, [t.t('share.link.label')]),
      el('div', { class: 'kuulo-row' }, [linkField, copyButton(t.t('share.copy'), linkField, status, t)]),
      el('p', {}, [el('a', { attrs: { href: link, target: '_blank', rel: 'noopener' } }, [t.t('share.open')])]),
      el('div', { class: 'kuulo-share-qr' }, [qr, download]),
      el('h4', { class: 'kuulo-share-subtitle' }, [t.t('share.embed.title')]),
      form,
      el('label', { attrs: { for: codeId } }, [t.t('share.embed.code')]),
      code,
      el('div', { class: 'kuulo-row' }, [copyButton(t.t('share.embed.copy'), code, status, t)]),
      status,
      el('section', { class: 'kuulo-share-preview', attrs: { 'aria-labelledby': previewId } }, [
        el('h4', { class: 'kuulo-share-subtitle', attrs: { id: previewId } }, [t.t('share.preview.title')]),
        previewNote,
        heightText,
        el('div', { class: 'kuulo-share-frame' }, [preview]),
      ]),
    ]),
  );
  update();
  loadEmbedScript();
  return () => preview.remove();

  function choice(): EmbedChoice {
    const checked = (group: string): string => form.querySelector<HTMLInputElement>(`input[name="${name}-${group}"]:checked`)?.value ?? '';
    const chosen = new Set(partBoxes.filter((p) => p.box.checked).map((p) => p.part));
    return {
      origin,
      conversationId: conversation.id,
      topic: conversation.topic,
      kind: checked('kind') === 'iframe' ? 'iframe' : 'element',
      // None ticked shows everything (as an empty attribute would): said under the boxes.
      parts: chosen.size > 0 ? chosen : new Set(embedParts),
      lang: langSelect.value || null,
      xid: checked('xid') === 'site',
    };
  }

  function update(): void {
    const c = choice();
    const noneTicked = partBoxes.every((p) => !p.box.checked);
    partsProblem.textContent = noneTicked ? t.t('share.embed.partsNone') : '';
    xidHint.replaceChildren(
      ...[
        c.xid && t.t('share.embed.xid.hint', { placeholder: xidPlaceholder }),
        c.xid && conversation.signedXids && t.t('share.embed.xid.signed'),
        c.xid && conversation.xidAllowlist && t.t('share.embed.xid.allowlist'),
      ]
        .filter((line): line is string => typeof line === 'string')
        .map((line) => el('span', { class: 'kuulo-share-line' }, [line])),
    );
    code.value = embedCode(c);
    previewNote.textContent = t.t('share.preview.note', { kind: c.kind });
    // The preview is the element with the same options, never with an id (it would join as that person).
    const parts = formatEmbedParts(c.parts);
    if (parts) preview.setAttribute('parts', parts);
    else preview.removeAttribute('parts');
    // "The reader's own" language: the person previewing is the reader, so the console's language.
    preview.setAttribute('lang', c.lang ?? t.lang);
  }
}
