import { browserLanguages, chooseLanguage, webTranslator } from './i18n';
import { postHeightToParent, watchHeight } from './embedHeight';
import { parseEmbedParts } from './embedParts';
import { mountParticipantView } from './participantView';

/** Set by the build: URL path of the stylesheet on the Kuulo server. */
declare const KUULO_STYLESHEET: string;

/**
 * `<kuulo-conversation conversation="id" xid="user-42" parts="voting map" lang="fi">` for other sites. Loaded with
 * `<script type="module" src="https://kuulo.example/embed.js">`; the API and stylesheet come
 * from the script's own server unless a `server` attribute names another. Renders in a shadow
 * root so the host page's CSS and Kuulo's do not mix. A `lang` attribute picks the interface
 * language when the reader has not chosen one with the switcher; `parts` names what shows (voting,
 * writing, map, results; default all). Its height goes to the host as a `kuulo-height` event
 * (`detail.height`) and, when the host page is itself framed, as a `kuulo:height` postMessage to the parent.
 */
export class KuuloConversationElement extends HTMLElement {
  static readonly observedAttributes = ['conversation', 'xid', 'server', 'lang', 'parts'];
  #stop: (() => void) | null = null;
  #stopHeight: (() => void) | null = null;
  #generation = 0;

  connectedCallback(): void {
    this.#render();
  }

  disconnectedCallback(): void {
    this.#generation += 1;
    this.#stop?.();
    this.#stop = null;
    this.#stopHeight?.();
    this.#stopHeight = null;
  }

  attributeChangedCallback(_name: string, previous: string | null, next: string | null): void {
    if (this.isConnected && previous !== next) this.#render();
  }

  #render(): void {
    const generation = ++this.#generation;
    this.#stop?.();
    this.#stop = null;
    const base = (this.getAttribute('server') ?? new URL(import.meta.url).origin).replace(/\/+$/, '');
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const stylesheet = document.createElement('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = base + KUULO_STYLESHEET;
    const container = document.createElement('div');
    container.className = 'kuulo kuulo-embed';
    shadow.replaceChildren(stylesheet, container);
    const conversationId = this.getAttribute('conversation');
    this.#stopHeight?.();
    this.#stopHeight = watchHeight(container, (height) => {
      this.dispatchEvent(new CustomEvent('kuulo-height', { detail: { height }, bubbles: true, composed: true }));
      postHeightToParent(conversationId ?? '', height);
    });
    const translator = (conversation: readonly string[] = []) =>
      webTranslator(chooseLanguage({ attribute: this.getAttribute('lang'), browser: browserLanguages(), conversation }));
    if (!conversationId) {
      void translator().then((t) => {
        if (generation === this.#generation) container.textContent = t.t('embed.noConversation');
      });
      return;
    }
    const xid = this.getAttribute('xid') ?? undefined;
    // A switcher choice is stored by the switcher and wins in chooseLanguage: render again to show it.
    const onLanguage = (): void => this.#render();
    const parts = parseEmbedParts(this.getAttribute('parts'));
    void mountParticipantView(container, { base, conversationId, headingLevel: 2, newTabLinks: true, translator, onLanguage, parts, ...(xid && { xid }) }).then((stop) => {
      if (generation === this.#generation) this.#stop = stop;
      else stop();
    });
  }
}

if (!customElements.get('kuulo-conversation')) customElements.define('kuulo-conversation', KuuloConversationElement);
