/** Which sizes and durations a run uses: `quick` while developing, `full` for BENCHMARKS.md. */
export interface BenchProfile {
  name: 'quick' | 'full';
  /** Registrations for the SD serving figures; the largest is also used for cold start and memory. */
  sdSizes: number[];
  /** The size at which the SD serving goal is judged and the peer is compared. */
  sdGoalSize: number;
  runs: number;
  load: { connections: number; seconds: number; warmupSeconds: number };
  ingest: { commands: number; runs: number; timeoutSeconds: number };
  /** drainSeconds bounds the wait for the last commands after sending stops. */
  propagation: { ratePerSecond: number; seconds: number; drainSeconds: number; runs: number };
  coldStart: { runs: number };
  /** The long-life scenario: targets renewed every ttlSeconds / 3 for `minutes`. */
  scale: { targets: number; ttlSeconds: number; minutes: number; coldStartAtMinutes: number[] };
}

export const PROFILES: Record<BenchProfile['name'], BenchProfile> = {
  quick: {
    name: 'quick',
    sdSizes: [1_000, 5_000],
    sdGoalSize: 5_000,
    runs: 2,
    load: { connections: 4, seconds: 2, warmupSeconds: 1 },
    ingest: { commands: 2_000, runs: 2, timeoutSeconds: 60 },
    propagation: { ratePerSecond: 200, seconds: 3, drainSeconds: 10, runs: 2 },
    coldStart: { runs: 2 },
    scale: { targets: 2_000, ttlSeconds: 15, minutes: 1.5, coldStartAtMinutes: [0.5, 1, 1.5] },
  },
  full: {
    name: 'full',
    sdSizes: [1_000, 10_000, 100_000],
    sdGoalSize: 10_000,
    runs: 3,
    load: { connections: 4, seconds: 5, warmupSeconds: 1 },
    ingest: { commands: 20_000, runs: 3, timeoutSeconds: 90 },
    propagation: { ratePerSecond: 200, seconds: 8, drainSeconds: 15, runs: 3 },
    coldStart: { runs: 5 },
    scale: { targets: 20_000, ttlSeconds: 60, minutes: 10, coldStartAtMinutes: [1, 5, 10] },
  },
};
