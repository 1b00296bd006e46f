import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './api.module';

export { ApiModule };

export const API_DOCS_PATH = 'api/docs';

/**
 * The OpenAPI description of the REST API: Swagger UI at /api/docs, JSON at /api/docs-json.
 * It is readable without the token (a browser cannot send one for the page itself, and it holds
 * no registrations); the UI's "Authorize" button sets the token for the calls it makes.
 */
export function setupApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Metrics Registry API')
    .setDescription(
      'Register Prometheus targets over HTTP, for applications that cannot send Kafka commands. ' +
        'Same rules and same path to the state topic as the Kafka commands (SPEC §3.5).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'REGISTRY_API_TOKEN' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { include: [ApiModule] });
  SwaggerModule.setup(API_DOCS_PATH, app, document);
}
