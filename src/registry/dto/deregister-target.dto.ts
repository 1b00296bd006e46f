import { IsString, Matches } from 'class-validator';
import { APPLICATION_UUID } from '../target.rules';

/** The value of a message on the deregister topic. */
export class DeregisterTargetDto {
  @IsString({ message: 'must be a string' })
  @Matches(APPLICATION_UUID, { message: `must match ${APPLICATION_UUID.source}` })
  applicationUuid!: string;
}
