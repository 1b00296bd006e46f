import { Injectable } from '@nestjs/common';
import { IHeaders } from 'kafkajs';
import { RegistryConfig } from '../config/registry.config';
import { RegistryProducer, SendOptions } from '../kafka/registry-producer';
import type { Registration } from '../target/registration';
import { encodeStateValue } from './state-record';

export type WriteOptions = Omit<SendOptions, 'lane'>;

/** Writes registrations and tombstones to the state topic, and rejected commands to the DLQ. */
@Injectable()
export class StateTopicWriter {
  constructor(
    private readonly config: RegistryConfig,
    private readonly producer: RegistryProducer,
  ) {}

  async put(registration: Registration, options: WriteOptions = {}): Promise<void> {
    await this.producer.send(
      this.config.topics.state,
      [{ key: registration.applicationUuid, value: encodeStateValue(registration) }],
      options,
    );
  }

  /** A tombstone; its headers say why (state-history.ts), for readers that look. */
  async delete(
    applicationUuid: string,
    options: WriteOptions = {},
    headers: IHeaders = {},
  ): Promise<void> {
    await this.producer.send(
      this.config.topics.state,
      [{ key: applicationUuid, value: null, headers }],
      options,
    );
  }

  /** On a lane of its own: a dead letter the broker refuses never holds up a state write. */
  async deadLetter(
    key: Buffer | string | null,
    value: Buffer | null,
    headers: IHeaders,
    options: WriteOptions = {},
  ): Promise<void> {
    await this.producer.send(this.config.topics.dlq, [{ key, value, headers }], {
      ...options,
      lane: 'dlq',
    });
  }
}
