import { Injectable, Logger } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { escapeForLog } from '../logging/escape-for-log';
import { Registration, leaseEnd, registrationOf } from '../target/registration';
import type { Target } from '../target/target';
import { RegistryMetrics } from './registry.metrics';
import { RenewalCoalescer } from './renewals';
import { deregisterHeaders } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter, WriteOptions } from './state-topic.writer';
import { TargetView } from './target-view';

export interface RegisterOptions extends WriteOptions {
  /** When the command was sent (its Kafka record timestamp); the lease runs from then. */
  sentAt?: number;
}

/**
 * What became of a register: written to the state topic, already covered by the stored lease
 * (nothing written), or expired before it was processed (nothing written, not served).
 */
export interface RegisterResult {
  outcome: 'written' | 'covered' | 'expired';
  registration: Registration;
}

/**
 * The one path from a validated command to the state topic, shared by the Kafka commands and the
 * REST API. Each method resolves once Kafka has acknowledged the write, and counts the command
 * once, by its final outcome.
 *
 * Leases (SPEC §2.3): a register's lease runs from when it was sent (its record timestamp; one
 * from the future counts as now) for ttlSeconds × (1 + REGISTRY_LEASE_SLACK). A register whose
 * ttlSeconds had passed before it was processed is not written. A renewal that the stored lease
 * already covers (same served fields, stored lease ≥ sent + ttlSeconds) is acknowledged without
 * a write, which keeps the state topic's history, and so every replica's start-up, short.
 */
@Injectable()
export class RegistryService {
  private readonly logger = new Logger(RegistryService.name);
  private readonly renewals = new RenewalCoalescer();

  constructor(
    private readonly config: RegistryConfig,
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly consumer: CommandConsumerStatus,
  ) {}

  async register(target: Target, options: RegisterOptions = {}): Promise<RegisterResult> {
    const { sentAt, ...writeOptions } = options;
    const now = Date.now();
    const at = sentAt === undefined || !Number.isFinite(sentAt) ? now : Math.min(sentAt, now);
    const registration = registrationOf(target, at, this.config.leaseSlack);
    const requestedUntil = leaseEnd(target, at);
    if (requestedUntil !== null && requestedUntil <= now) {
      this.metrics.commands.inc({ command: 'register', outcome: 'expired' });
      this.logger.warn(
        `register of ${escapeForLog(target.applicationUuid)} not served: its lease of ` +
          `${target.ttlSeconds} s ran out ${now - requestedUntil} ms before it was processed`,
      );
      return { outcome: 'expired', registration };
    }
    const trusted = this.reader.syncedSince(this.consumer.joinedAt, now);
    const covering = this.renewals.covering(
      { registration, requestedUntil },
      this.view.get(target.applicationUuid),
      now,
      trusted,
    );
    if (covering !== null) {
      this.metrics.commands.inc({ command: 'register', outcome: 'accepted' });
      this.metrics.renewalsCovered.inc();
      return { outcome: 'covered', registration: covering };
    }
    this.renewals.wrote(registration.applicationUuid, registration, now);
    await this.counted('register', this.writer.put(registration, writeOptions));
    return { outcome: 'written', registration };
  }

  async deregister(applicationUuid: string, options: WriteOptions = {}): Promise<void> {
    this.renewals.wrote(applicationUuid, null, Date.now());
    await this.counted(
      'deregister',
      this.writer.delete(applicationUuid, options, deregisterHeaders()),
    );
  }

  private async counted(command: 'register' | 'deregister', write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      this.metrics.commands.inc({ command, outcome: 'failed' });
      throw error;
    }
    this.metrics.commands.inc({ command, outcome: 'accepted' });
  }
}
