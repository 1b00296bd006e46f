import { Injectable } from '@nestjs/common';
import { Registration, registrationOf } from '../target/registration';
import type { Target } from '../target/target';
import { RegistryMetrics } from './registry.metrics';
import { StateTopicWriter, WriteOptions } from './state-topic.writer';

/**
 * The one path from a validated command to the state topic, shared by the Kafka commands and the
 * REST API. Each method resolves once Kafka has acknowledged the write, and counts the command
 * once, by its final outcome.
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly writer: StateTopicWriter,
    private readonly metrics: RegistryMetrics,
  ) {}

  async register(target: Target, options: WriteOptions = {}): Promise<Registration> {
    const registration = registrationOf(target, Date.now());
    await this.counted('register', this.writer.put(registration, options));
    return registration;
  }

  async deregister(applicationUuid: string, options: WriteOptions = {}): Promise<void> {
    await this.counted('deregister', this.writer.delete(applicationUuid, options));
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
