import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CommandConsumerStatus } from '../kafka/command-consumer.status';
import { RegistryProducer } from '../kafka/registry-producer';
import { StateTopicReader } from '../registry';

/** How the probes answer: never cached, and not in the OpenAPI description (see below). */
const PROBE = { noCache: true, swaggerDocumentation: false };

/**
 * Liveness and readiness for Kubernetes probes (SPEC §3.2). Ready means this replica serves a
 * correct SD body (caught up with the state topic) and its writes go through; the command
 * consumer's state is reported, not judged.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly reader: StateTopicReader,
    private readonly commands: CommandConsumerStatus,
    private readonly producer: RegistryProducer,
  ) {}

  // The probes are not in the OpenAPI description (it covers the REST API only), and that keeps
  // terminus from loading @nestjs/swagger at startup.
  @Get('live')
  @HealthCheck(PROBE)
  live() {
    return this.health.check([() => this.indicator.check('process').up()]);
  }

  @Get('ready')
  @HealthCheck(PROBE)
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
        const check = this.indicator.check('writes');
        const stuck = this.producer.stuck();
        if (stuck.length === 0) return check.up();
        return check.down({
          reason: stuck
            .map((s) => `${s.lane} writes failing for ${Math.round(s.forMs / 1000)} s: ${s.error}`)
            .join('; '),
        });
      },
      // Details only: a replica serves a correct SD body whatever its share of the commands.
      () => this.indicator.check('commandConsumer').up({ state: this.commands.state }),
    ]);
  }
}
