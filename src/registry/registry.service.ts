import { Injectable } from '@nestjs/common';
import { RegistryMetrics } from '../telemetry/registry.metrics';
import { Registration, RegisterTarget, registrationFromCommand } from './registration';
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

  async register(command: RegisterTarget, keepAlive?: () => void): Promise<Registration> {
    const registration = registrationFromCommand(command, Date.now());
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
