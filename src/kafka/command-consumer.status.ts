import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

/** What the command consumer is doing, from its kafkajs events. */
export type CommandConsumerState =
  'not started' | 'joining' | 'running' | 'rebalancing' | 'restarting' | 'crashed' | 'stopped';

/**
 * The command consumer's state, for health details and metrics (not readiness: a replica serves a
 * correct SD body whatever its share of the commands). A rebalance or a crash that kafkajs
 * restarts by itself still counts as running.
 */
@Injectable()
export class CommandConsumerStatus {
  state: CommandConsumerState = 'not started';
  /** When the consumer last joined its group (its partitions may have moved then); 0: never. */
  joinedAt = 0;
  /** Stops fetching commands (set once the consumer runs): the first step of a clean shutdown. */
  pause: (() => void) | null = null;

  constructor(registry: Registry) {
    const status = () => this.running;
    new Gauge({
      name: 'metrics_registry_command_consumer_running',
      help: '1 while the command consumer runs (or kafkajs restarts it), 0 otherwise.',
      registers: [registry],
      collect() {
        this.set(status() ? 1 : 0);
      },
    });
  }

  get running(): boolean {
    return this.state === 'running' || this.state === 'rebalancing' || this.state === 'restarting';
  }
}
