import type { Catalog } from './i18n';

/** Options every chart takes for the language of its own texts. */
export interface ChartLanguageOptions {
  /**
   * Language of titles, captions, legends, data tables and screen-reader text: 'fi', 'sv' or 'en'
   * (a regional tag such as 'sv-FI' picks its language), or any other with `messages`. Default 'en'.
   */
  locale?: string;
  /** Messages (keys as in locales/en.json) for a language Kuulo does not ship, or to override some of one it does. Default none. */
  messages?: Catalog;
}
