import { Injectable } from '@nestjs/common';

/** What the command consumer is doing, from its kafkajs events. */
export type CommandConsumerState =
  'not started' | 'joining' | 'running' | 'rebalancing' | 'restarting' | 'crashed' | 'stopped';

/**
 * The command consumer's state for readiness. A rebalance or a crash that kafkajs restarts by
 * itself still counts as running: every replica rebalances at once when one joins, and failing
 * them all would empty the Service for nothing.
 */
@Injectable()
export class CommandConsumerStatus {
  state: CommandConsumerState = 'not started';

  get running(): boolean {
    return this.state === 'running' || this.state === 'rebalancing' || this.state === 'restarting';
  }
}
