import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import { escapeForLog } from '../logging/escape-for-log';
import { ExpiryBrake, heldFrom } from './expiry-brake';
import { PendingTombstones } from './pending-tombstones';
import { RegistryMetrics } from './registry.metrics';
import { expiryHeaders } from './state-history';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter } from './state-topic.writer';
import { TargetView, isExpired } from './target-view';

/**
 * Writes the tombstone of every registration whose lease has run out, so the state topic forgets
 * it. Expired targets are already hidden at read time; this only cleans up. Several replicas may
 * write the same tombstone, which is harmless. Nothing is expired while the view is out of sync,
 * nor while the shrink brake holds the leases (ExpiryBrake).
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LeaseSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new PendingTombstones();
  private sweeping = false;
  /** Until the first judgement of the brake, made as the view catches up (heldFrom). */
  private starting = true;
  private readonly brake: ExpiryBrake;

  constructor(
    private readonly config: RegistryConfig,
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
  ) {
    this.brake = new ExpiryBrake(config.expiryBrake);
  }

  onApplicationBootstrap(): void {
    // Judged once before anything is served: a replica that starts while the other replicas hold
    // leases holds them too, rather than serving them expired and writing their tombstones.
    this.reader.onceCaughtUp(() => void this.sweep());
    this.timer = setInterval(() => void this.sweep(), this.config.leaseSweepIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.sweeping || !this.reader.inSync()) return;
    this.sweeping = true;
    try {
      this.judgeBrake();
      const now = this.reader.leaseClock();
      // Written together, so the producer sends them in one batch.
      const due = this.pending.due(this.view.expired(now));
      await Promise.all(
        due.map(async (registration) => {
          const { applicationUuid } = registration;
          await this.writer.delete(
            applicationUuid,
            {},
            expiryHeaders(registration, this.config.leaseSlack),
          );
          this.metrics.leasesExpired.inc();
          this.logger.log(`lease of ${escapeForLog(applicationUuid)} expired`);
        }),
      );
      this.pending.settle((id) => this.view.get(id));
    } catch (error) {
      this.logger.warn(`lease sweep stopped: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  /** Whether the shrink brake holds expiry now. */
  get brakeEngaged(): boolean {
    return this.brake.engaged;
  }

  /** Engages or releases the shrink brake, which stops or restarts the lease clock. */
  private judgeBrake(): void {
    const now = Date.now();
    const change = this.brake.evaluate(this.view.all(), now, this.starting);
    if (change?.engaged) {
      this.reader.holdLeases(heldFrom(this.view.all(), this.reader.leaseClock(), this.starting));
      this.logger.warn(
        `expiry brake engaged: ${change.overdue} of ${change.of} registrations stopped renewing their lease; ` +
          'holding them (served) until renewals resume or the hold limit passes',
      );
    } else if (change) {
      this.reader.holdLeases(null);
      this.logger.warn(
        `expiry brake ${this.starting ? 'not engaged' : 'released'}: ${change.reason}`,
      );
    }
    this.starting = false;
    this.metrics.expiryBrake.set(this.brake.engaged ? 1 : 0);
    let held = 0;
    if (this.brake.engaged) for (const r of this.view.all()) if (isExpired(r, now)) held++;
    this.metrics.brakeHeld.set(held);
  }
}
