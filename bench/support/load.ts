import autocannon from 'autocannon';
import { cpuTimeMs } from './processes';

export interface LoadSettings {
  connections: number;
  seconds: number;
}

export interface LoadRun {
  /** 2xx responses per second over the run. */
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) the server process spent per 2xx response. */
  cpuMsPerRequest: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  failures: number;
}

/**
 * One fixed-duration closed-loop run of GETs (autocannon, in this process) against the server
 * process `pid`, whose CPU time is read before and after.
 */
export async function load(
  url: string,
  pid: number | undefined,
  { connections, seconds }: LoadSettings,
): Promise<LoadRun> {
  const cpuBefore = cpuTimeMs(pid);
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  const cpuMs = cpuTimeMs(pid) - cpuBefore;
  return {
    reqPerSec: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: cpuMs / result['2xx'],
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
