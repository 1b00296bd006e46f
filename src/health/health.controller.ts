import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { StateTopicReader } from '../registry';

/** Liveness and readiness for Kubernetes probes (SPEC §3.2). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly reader: StateTopicReader,
    private readonly commands: CommandConsumerStatus,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicator.check('process').up()]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => {
        const check = this.indicator.check('stateTopic');
        if (!this.reader.reading) return check.down({ reason: 'not reading the state topic' });
        return this.reader.caughtUp
          ? check.up()
          : check.down({ reason: 'catching up with the state topic' });
      },
      () => {
        const check = this.indicator.check('commandConsumer');
        return this.commands.running
          ? check.up()
          : check.down({ reason: `command consumer is ${this.commands.state}` });
      },
    ]);
  }
}
