import { INestApplication } from '@nestjs/common';
import { ApiModule } from './api.module';
export { ApiModule };
export declare const API_DOCS_PATH = "api/docs";
export declare function setupApiDocs(app: INestApplication): void;
