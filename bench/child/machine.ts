import { cpus, totalmem } from 'node:os';

/** The machine a result was measured on, printed with every result. */
export function machine(): { node: string; cpus: number; cpu: string; mem_gb: number } {
  const list = cpus();
  return { node: process.version, cpus: list.length, cpu: list[0]?.model.trim() ?? 'unknown', mem_gb: Math.round(totalmem() / 2 ** 30) };
}
