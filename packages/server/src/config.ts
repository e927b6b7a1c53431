import { isProxyAddress } from './trustProxy.js';

/** The fewest resamples a bootstrap job may run: fewer give supports in steps coarser than 0.1. */
export const minResamples = 10;

/** The machine-translation services Kuulo can call (see src/translation). */
export const translationProviders = ['libretranslate', 'openai'] as const;

/** Machine translation over HTTP. Only conversations that opt in (`machineTranslation`) are ever sent to it. */
export interface TranslationConfig {
  /** 'libretranslate' (POST {url}/translate) or 'openai' (any OpenAI-compatible POST {url}/chat/completions). */
  provider: (typeof translationProviders)[number];
  /** The service's base URL, e.g. http://localhost:5000 or https://api.openai.com/v1. */
  url: string;
  /** API key (from --translation-key-file): sent to the provider, never logged or shown in errors. */
  apiKey?: string;
  /** Model name, needed by 'openai'. */
  model?: string;
  /** One request's time limit in ms. Default 20000. */
  timeoutMs?: number;
  /** Further attempts after a 429 or 5xx answer. Default 2. */
  retries?: number;
  /** First wait before a retry in ms, doubled each time. Default 1000. */
  retryDelayMs?: number;
  /** Requests to the provider at once. Default 2. */
  concurrency?: number;
}

export type ResolvedTranslationConfig = Required<Omit<TranslationConfig, 'apiKey' | 'model'>> & Pick<TranslationConfig, 'apiKey' | 'model'>;

const translationDefaults = { timeoutMs: 20_000, retries: 2, retryDelayMs: 1000, concurrency: 2 };

/** Everything a server instance can be configured with; `resolveConfig` fills the defaults. */
export interface ServerConfig {
  /** SQLite file path, ':memory:', or a `postgres://` URL (several instances may share one PostgreSQL database). Default './.kuulo-data/kuulo.db'. */
  dbPath?: string;
  /** 'NORMAL' survives a killed process (WAL), 'FULL' also survives power loss. Default 'NORMAL'. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Admin key in plain text (from KUULO_ADMIN_KEY or --admin-key-file); stored hashed. Default: generated on first start. */
  adminKey?: string;
  /** Allowed CORS origins: true = any (embedding), false = none, or a list. Default true. */
  cors?: boolean | string[];
  /** Largest request body in bytes (imports have their own limit). Default 65536. */
  bodyLimit?: number;
  /** Largest import body in bytes. Default 50 MiB. */
  importBodyLimit?: number;
  /** Write rate limits per minute; 0 turns a limit off. */
  rateLimit?: {
    /** Writes per minute per client address. Default 600. */
    perAddress?: number;
    /** Writes per minute per participant. Default 120. */
    perParticipant?: number;
  };
  limits?: {
    /** Longest statement in characters (after trimming). Default 1000. */
    statementLength?: number;
    /** Longest topic in characters. Default 300. */
    topicLength?: number;
    /** Longest description in characters. Default 5000. */
    descriptionLength?: number;
    /** Most statements per conversation, rejected ones not counted. Default 10000 (Polis's cap). */
    statementsPerConversation?: number;
    /** Most statements one participant may submit to a conversation (moderators' seeds are exempt). Default 50. */
    statementsPerParticipant?: number;
    /** Most open event streams per conversation. Default 1000. */
    streamsPerConversation?: number;
    /** Most open event streams from one client address, across conversations. Default 20. */
    streamsPerAddress?: number;
    /** Most open event streams on the server. Default 5000. */
    streams?: number;
    /** Most open connections on the server (Node's server.maxConnections). Default 10000. */
    maxConnections?: number;
  };
  math?: {
    /** Run the math at all (tests of other routes may turn it off). Default true. */
    enabled?: boolean;
    /** Wait from the first change no computation has started on until one starts, in ms (later votes do not postpone it). Default 500. */
    debounceMs?: number;
    /** No longer used: since the debounce counts from the first change, nothing waits longer (still accepted so existing settings load). */
    maxWaitMs?: number;
    /** Worker threads: two, so one long computation never holds up every other conversation. Default 2. */
    workers?: number;
    /** A job running longer than this is killed and recorded as failed, in ms. Default 120000. */
    timeoutMs?: number;
    /** Conversations with more votes than this are not computed. Default 5000000. */
    maxVotes?: number;
    /**
     * Core's `pcaRefitShare` for Polis-mode conversations: keep the PCA basis until this share of the votes
     * changed, folding changed participants in meanwhile (fast warm updates on large conversations).
     * 0 refits at every update; 'auto' refits every update up to Polis's large-conversation cutoff
     * (10,000 participants or 5,000 statements) and uses 0.01 above it. Default 'auto'.
     */
    pcaRefitShare?: number | 'auto';
  };
  /** Bootstrap uncertainty jobs (POST /conversations/:id/uncertainty). */
  uncertainty?: {
    /** Bootstrap jobs running at once across the server (each on its own worker thread); more wait in a queue. Default 1. */
    jobs?: number;
    /** Most resamples one job may ask for (the least is 10). Default 200. */
    maxResamples?: number;
    /** A job running longer than this is stopped and recorded as failed, in ms. Default 600000. */
    timeoutMs?: number;
  };
  /** Fastify logger on/off. Default false. */
  logger?: boolean;
  /**
   * Behind a reverse proxy: the number of proxy hops to trust in X-Forwarded-For, or the addresses/CIDRs of
   * the trusted proxies. `true` (trust every hop) is refused, since a client could then pick its own address. Default false.
   */
  trustProxy?: false | number | string[];
  /** Public base URL used in exports' summary.csv. Default ''. */
  publicUrl?: string;
  /** Machine translation; off when absent (the default). */
  translation?: TranslationConfig;
  /** Several instances on PostgreSQL (ignored on SQLite). */
  cluster?: {
    /** Connections each instance keeps to PostgreSQL. Default 10. */
    poolSize?: number;
    /** How often an instance re-reads the ticks its event-stream clients follow, in case a notification was lost (ms). Default 5000. */
    pollMs?: number;
    /** How often an instance looks for conversations with votes no math has read, e.g. after another instance died (ms). Default 2000. */
    sweepMs?: number;
  };
}

export interface ResolvedConfig {
  dbPath: string;
  synchronous: 'NORMAL' | 'FULL';
  adminKey: string | undefined;
  cors: boolean | string[];
  bodyLimit: number;
  importBodyLimit: number;
  rateLimit: { perAddress: number; perParticipant: number };
  limits: {
    statementLength: number;
    topicLength: number;
    descriptionLength: number;
    statementsPerConversation: number;
    statementsPerParticipant: number;
    streamsPerConversation: number;
    streamsPerAddress: number;
    streams: number;
    maxConnections: number;
  };
  math: { enabled: boolean; debounceMs: number; maxWaitMs: number; workers: number; timeoutMs: number; maxVotes: number; pcaRefitShare: number | 'auto' };
  uncertainty: { jobs: number; maxResamples: number; timeoutMs: number };
  logger: boolean;
  trustProxy: false | number | string[];
  publicUrl: string;
  translation: ResolvedTranslationConfig | undefined;
  cluster: { poolSize: number; pollMs: number; sweepMs: number };
}

export const defaultConfig: ResolvedConfig = {
  dbPath: './.kuulo-data/kuulo.db',
  synchronous: 'NORMAL',
  adminKey: undefined,
  cors: true,
  bodyLimit: 65_536,
  importBodyLimit: 50 * 1024 * 1024,
  rateLimit: { perAddress: 600, perParticipant: 120 },
  limits: {
    statementLength: 1000,
    topicLength: 300,
    descriptionLength: 5000,
    statementsPerConversation: 10_000,
    statementsPerParticipant: 50,
    streamsPerConversation: 1000,
    streamsPerAddress: 20,
    streams: 5000,
    maxConnections: 10_000,
  },
  math: { enabled: true, debounceMs: 500, maxWaitMs: 2000, workers: 2, timeoutMs: 120_000, maxVotes: 5_000_000, pcaRefitShare: 'auto' },
  uncertainty: { jobs: 1, maxResamples: 200, timeoutMs: 600_000 },
  logger: false,
  trustProxy: false,
  publicUrl: '',
  translation: undefined,
  cluster: { poolSize: 10, pollMs: 5000, sweepMs: 2000 },
};

/** Config with defaults filled in; rejects out-of-range values, naming the setting and the value. */
export function resolveConfig(config: ServerConfig = {}): ResolvedConfig {
  const resolved: ResolvedConfig = {
    ...defaultConfig,
    ...definedOnly(config),
    rateLimit: { ...defaultConfig.rateLimit, ...definedOnly(config.rateLimit ?? {}) },
    limits: { ...defaultConfig.limits, ...definedOnly(config.limits ?? {}) },
    math: { ...defaultConfig.math, ...definedOnly(config.math ?? {}) },
    uncertainty: { ...defaultConfig.uncertainty, ...definedOnly(config.uncertainty ?? {}) },
    cluster: { ...defaultConfig.cluster, ...definedOnly(config.cluster ?? {}) },
    translation: config.translation && ({ ...translationDefaults, ...definedOnly(config.translation) } as ResolvedTranslationConfig),
  };
  const counts: [string, number, number][] = [
    ['bodyLimit', resolved.bodyLimit, 1024],
    ['importBodyLimit', resolved.importBodyLimit, 1024],
    ['rateLimit.perAddress', resolved.rateLimit.perAddress, 0],
    ['rateLimit.perParticipant', resolved.rateLimit.perParticipant, 0],
    ['limits.statementLength', resolved.limits.statementLength, 1],
    ['limits.topicLength', resolved.limits.topicLength, 1],
    ['limits.descriptionLength', resolved.limits.descriptionLength, 0],
    ['limits.statementsPerConversation', resolved.limits.statementsPerConversation, 1],
    ['limits.statementsPerParticipant', resolved.limits.statementsPerParticipant, 1],
    ['limits.streamsPerConversation', resolved.limits.streamsPerConversation, 1],
    ['limits.streamsPerAddress', resolved.limits.streamsPerAddress, 1],
    ['limits.streams', resolved.limits.streams, 1],
    ['limits.maxConnections', resolved.limits.maxConnections, 1],
    ['math.debounceMs', resolved.math.debounceMs, 0],
    ['cluster.poolSize', resolved.cluster.poolSize, 1],
    ['cluster.pollMs', resolved.cluster.pollMs, 10],
    ['cluster.sweepMs', resolved.cluster.sweepMs, 10],
    ['math.maxWaitMs', resolved.math.maxWaitMs, 0],
    ['math.workers', resolved.math.workers, 1],
    ['math.timeoutMs', resolved.math.timeoutMs, 1],
    ['math.maxVotes', resolved.math.maxVotes, 1],
    ['uncertainty.jobs', resolved.uncertainty.jobs, 1],
    ['uncertainty.maxResamples', resolved.uncertainty.maxResamples, minResamples],
    ['uncertainty.timeoutMs', resolved.uncertainty.timeoutMs, 1],
    ...(resolved.translation
      ? ([
          ['translation.timeoutMs', resolved.translation.timeoutMs, 1],
          ['translation.retries', resolved.translation.retries, 0],
          ['translation.retryDelayMs', resolved.translation.retryDelayMs, 0],
          ['translation.concurrency', resolved.translation.concurrency, 1],
        ] as [string, number, number][])
      : []),
  ];
  for (const [name, value, min] of counts) {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`config ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  const share = resolved.math.pcaRefitShare;
  if (share !== 'auto' && !(typeof share === 'number' && share >= 0 && share < 1)) throw new RangeError(`config math.pcaRefitShare must be 'auto' or in [0, 1), got ${String(share)}`);
  if (resolved.synchronous !== 'NORMAL' && resolved.synchronous !== 'FULL') {
    throw new RangeError(`config synchronous must be NORMAL or FULL, got ${String(resolved.synchronous)}`);
  }
  if (typeof resolved.dbPath !== 'string' || resolved.dbPath === '') throw new RangeError(`config dbPath must be a file path or ':memory:', got ${String(resolved.dbPath)}`);
  if (resolved.adminKey !== undefined && resolved.adminKey.length < 16) throw new RangeError('config adminKey must be at least 16 characters long');
  checkTrustProxy(resolved.trustProxy);
  if (resolved.translation) checkTranslation(resolved.translation);
  return resolved;
}

/** A known provider at an http(s) URL; 'openai' also needs a model. Messages name the flag, which is how most servers set these. */
function checkTranslation(t: ResolvedTranslationConfig): void {
  if (!(translationProviders as readonly string[]).includes(t.provider)) {
    throw new RangeError(`config translation.provider (--translation-provider) must be ${translationProviders.join(' or ')}, got ${JSON.stringify(t.provider)}`);
  }
  let url: URL | undefined;
  try {
    url = new URL(t.url);
  } catch {
    // Reported below with the value.
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new RangeError(`config translation.url (--translation-url) must be an http:// or https:// URL, got ${JSON.stringify(t.url)}`);
  }
  if (url.username !== '' || url.password !== '') throw new RangeError(`config translation.url (--translation-url) must not hold a user or password, got ${JSON.stringify(url.origin)} with credentials: put the key in --translation-key-file`);
  if (t.provider === 'openai' && !t.model) throw new RangeError('config translation.model (--translation-model) is needed with the openai provider, e.g. gpt-4o-mini');
  if (t.apiKey === '') throw new RangeError('config translation.apiKey (--translation-key-file) is empty');
}

/** A hop count ≥ 1 or a non-empty list of IP addresses/CIDRs; never `true`, which would let clients choose their address. */
function checkTrustProxy(value: unknown): void {
  if (value === false) return;
  if (value === true) throw new RangeError('config trustProxy must be a hop count or a list of proxy addresses, got true: trusting every hop lets a client choose its own address with X-Forwarded-For');
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`config trustProxy hop count must be an integer ≥ 1, got ${value}`);
    return;
  }
  if (!Array.isArray(value) || value.length === 0) throw new RangeError(`config trustProxy must be false, a hop count or a list of proxy addresses, got ${JSON.stringify(value)}`);
  for (const entry of value) {
    if (typeof entry !== 'string' || !isProxyAddress(entry)) throw new RangeError(`config trustProxy has ${JSON.stringify(entry)}, which is not an IP address, a CIDR (e.g. 10.0.0.0/8, ::1/128) or loopback/linklocal/uniquelocal`);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
