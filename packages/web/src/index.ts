export { webPages } from './webPages.js';
export type { PageReply, PageRequest, PageServer, WebPagesOptions } from './webPages.js';
export { buildAssets } from './buildAssets.js';
export type { Asset, AssetSet, BuildAssetsOptions, PageName } from './buildAssets.js';
export { contentSecurityPolicy } from './securityHeaders.js';
export type { Framing } from './securityHeaders.js';
