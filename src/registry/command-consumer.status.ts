import { Injectable } from '@nestjs/common';

/** The state of the Nest Kafka transport's command consumer, as its status events report it. */
@Injectable()
export class CommandConsumerStatus {
  state = 'not started';

  get running(): boolean {
    return this.state === 'connected';
  }
}
