export { interfaceLanguages, languageDirection, languageNames, parseAcceptLanguage, pickLanguage, pseudoLanguage } from './languages';
export type { InterfaceLanguage } from './languages';
export { createTranslator } from './translator';
export type { Catalog, MessageValues, Translator } from './translator';
export { pseudoCatalog } from './pseudo';
export { checkCatalogs } from './checkCatalogs';
export type { CatalogProblem } from './checkCatalogs';
export { vizCatalogs, vizTranslator } from './vizTranslator';
