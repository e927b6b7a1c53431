import { describe, expect, test } from 'vitest';
import { defaultConfig, resolveConfig } from '../src/config.js';

describe('resolveConfig', () => {
  test('fills defaults: embedded SQLite file, NORMAL sync, CORS open, limits on', () => {
    const c = resolveConfig();
    expect(c).toEqual(defaultConfig);
    expect(c.dbPath).toBe('./.kuulo-data/kuulo.db');
    expect(c.synchronous).toBe('NORMAL');
    expect(c.rateLimit).toEqual({ perAddress: 600, perParticipant: 120 });
    expect(c.limits.statementLength).toBe(1000);
  });

  test('merges nested settings without dropping the other defaults', () => {
    const c = resolveConfig({ math: { workers: 2 }, rateLimit: { perAddress: 0 }, limits: { statementLength: 280 } });
    expect(c.math).toEqual({ ...defaultConfig.math, workers: 2 });
    expect(c.rateLimit).toEqual({ perAddress: 0, perParticipant: 120 });
    expect(c.limits.statementLength).toBe(280);
  });

  test.each([
    [{ bodyLimit: 10 }, 'config bodyLimit must be an integer ≥ 1024, got 10'],
    [{ math: { workers: 0 } }, 'config math.workers must be an integer ≥ 1, got 0'],
    [{ limits: { statementLength: 1.5 } }, 'config limits.statementLength must be an integer ≥ 1, got 1.5'],
    [{ synchronous: 'OFF' as 'FULL' }, 'config synchronous must be NORMAL or FULL, got OFF'],
    [{ adminKey: 'short' }, 'config adminKey must be at least 16 characters long'],
    [{ dbPath: '' }, "config dbPath must be a file path or ':memory:', got "],
    [{ uncertainty: { maxResamples: 5 } }, 'config uncertainty.maxResamples must be an integer ≥ 10, got 5'],
    [{ uncertainty: { jobs: 0 } }, 'config uncertainty.jobs must be an integer ≥ 1, got 0'],
    [{ math: { pcaRefitShare: 1 } }, "config math.pcaRefitShare must be 'auto' or in [0, 1), got 1"],
    [{ trustProxy: true as unknown as number }, 'config trustProxy must be a hop count or a list of proxy addresses, got true: trusting every hop lets a client choose its own address'],
    [{ trustProxy: 0 }, 'config trustProxy hop count must be an integer ≥ 1, got 0'],
    [{ trustProxy: ['10.0.0.0/8', '10.0.0.0/33'] }, 'config trustProxy has "10.0.0.0/33", which is not an IP address, a CIDR'],
    [{ trustProxy: ['nginx.local'] }, 'config trustProxy has "nginx.local", which is not an IP address'],
    [{ trustProxy: [] }, 'config trustProxy must be false, a hop count or a list of proxy addresses, got []'],
    [{ limits: { statementsPerParticipant: 0 } }, 'config limits.statementsPerParticipant must be an integer ≥ 1, got 0'],
    [{ limits: { maxConnections: -1 } }, 'config limits.maxConnections must be an integer ≥ 1, got -1'],
  ])('rejects %j', (config, message) => {
    expect(() => resolveConfig(config)).toThrow(message);
  });

  test('trustProxy takes a hop count or a list of addresses, CIDRs and proxy-addr range names', () => {
    expect(resolveConfig({ trustProxy: 1 }).trustProxy).toBe(1);
    expect(resolveConfig({ trustProxy: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback'] }).trustProxy).toHaveLength(5);
    expect(resolveConfig().trustProxy).toBe(false);
  });
});
