import { Injectable } from '@nestjs/common';
import { IHeaders } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { RegistryProducer } from '../kafka/registry-producer';
import type { Registration } from '../target/registration';
import { encodeStateValue } from './state-record';

/** Writes registrations and tombstones to the state topic, and rejected commands to the DLQ. */
@Injectable()
export class StateTopicWriter {
  constructor(
    private readonly config: RegistryConfig,
    private readonly producer: RegistryProducer,
  ) {}

  async put(registration: Registration, onRetry?: () => void): Promise<void> {
    await this.producer.send(
      this.config.topics.state,
      [{ key: registration.applicationUuid, value: encodeStateValue(registration) }],
      onRetry,
    );
  }

  async delete(applicationUuid: string, onRetry?: () => void): Promise<void> {
    await this.producer.send(
      this.config.topics.state,
      [{ key: applicationUuid, value: null }],
      onRetry,
    );
  }

  async deadLetter(
    key: Buffer | string | null,
    value: Buffer | null,
    headers: IHeaders,
    onRetry?: () => void,
  ): Promise<void> {
    await this.producer.send(this.config.topics.dlq, [{ key, value, headers }], onRetry);
  }
}
