import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RegistryConfig } from '../config/registry.config';
import { PendingTombstones } from './pending-tombstones';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicReader } from './state-topic.reader';
import { StateTopicWriter } from './state-topic.writer';
import { TargetView } from './target-view';

/**
 * Writes the tombstone of every registration whose lease has run out, so the state topic forgets
 * it. Expired targets are already hidden at read time; this only cleans up. Several replicas may
 * write the same tombstone, which is harmless. Nothing is expired while the view is out of sync.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LeaseSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new PendingTombstones();
  private sweeping = false;

  constructor(
    private readonly config: RegistryConfig,
    private readonly view: TargetView,
    private readonly reader: StateTopicReader,
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
  ) {}

  onApplicationBootstrap(): void {
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
      const now = this.reader.leaseClock();
      // Written together, so the producer sends them in one batch.
      const due = this.pending.due(this.view.expired(now));
      await Promise.all(
        due.map(async ({ applicationUuid }) => {
          await this.writer.delete(applicationUuid);
          this.metrics.leasesExpired.inc();
          this.logger.log(`lease of ${applicationUuid} expired`);
        }),
      );
      this.pending.settle((id) => this.view.get(id));
    } catch (error) {
      this.logger.warn(`lease sweep stopped: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
