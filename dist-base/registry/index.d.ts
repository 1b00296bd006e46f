export { RegistryModule } from './registry.module';
export { COMMAND, DEREGISTER, REGISTER } from './commands.controller';
export { RegistryService } from './registry.service';
export { RegistryStatus, type RegistrySnapshot } from './registry.status';
export { REJECTION_WINDOW, type Rejection } from './rejection-log';
export { type Removal, type RemovalCause, ttlSecondsOf } from './state-history';
export { StateTopicReader } from './state-topic.reader';
export { TargetView, isExpired } from './target-view';
