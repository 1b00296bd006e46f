import type { Kafka } from 'kafkajs';
import type { BenchProfile } from './profile';

/** What every scenario gets from the runner. */
export interface BenchContext {
  brokers: string[];
  kafka: Kafka;
  profile: BenchProfile;
  /** The broker's process id (for its CPU time), when known. */
  brokerPid: number | undefined;
  /** The prometheus-http-sd executable, or null when it is not installed. */
  peerBin: string | null;
  /** The state topic holding `size` registrations, filled once per run. */
  stateTopicOf(size: number): string;
  log(message: string): void;
}
