import { Injectable } from '@nestjs/common';
import { Registration, registrationOf } from '../target/registration';
import type { Target } from '../target/target';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicWriter } from './state-topic.writer';

/**
 * The one path from a validated command to the state topic, shared by the Kafka commands and the
 * REST API. Each method resolves once Kafka has acknowledged the write.
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
  ) {}

  async register(target: Target, keepAlive?: () => void): Promise<Registration> {
    const registration = registrationOf(target, Date.now());
    await this.writer.put(registration, () => {
      this.metrics.commands.inc({ command: 'register', outcome: 'failed' });
      keepAlive?.();
    });
    this.metrics.commands.inc({ command: 'register', outcome: 'accepted' });
    return registration;
  }

  async deregister(applicationUuid: string, keepAlive?: () => void): Promise<void> {
    await this.writer.delete(applicationUuid, () => {
      this.metrics.commands.inc({ command: 'deregister', outcome: 'failed' });
      keepAlive?.();
    });
    this.metrics.commands.inc({ command: 'deregister', outcome: 'accepted' });
  }
}
