export { buildApp } from './app.js';
export type { BuildOptions, KuuloContext } from './app.js';
export { defaultConfig, resolveConfig } from './config.js';
export type { ResolvedConfig, ServerConfig } from './config.js';
export { ApiError, errorCodes } from './errors.js';
export type { ErrorCode, ErrorBody } from './errors.js';
export { ensureDemoConversation, demoConversationId } from './demo.js';
export { loadMigrations, runMigrations } from './migrations/runMigrations.js';
export type { Migration } from './migrations/runMigrations.js';
