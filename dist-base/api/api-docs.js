"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_DOCS_PATH = exports.ApiModule = void 0;
exports.setupApiDocs = setupApiDocs;
const swagger_1 = require("@nestjs/swagger");
const api_module_1 = require("./api.module");
Object.defineProperty(exports, "ApiModule", { enumerable: true, get: function () { return api_module_1.ApiModule; } });
exports.API_DOCS_PATH = 'api/docs';
function setupApiDocs(app) {
    const config = new swagger_1.DocumentBuilder()
        .setTitle('Metrics Registry API')
        .setDescription('Register Prometheus targets over HTTP, for applications that cannot send Kafka commands. ' +
        'Same rules and same path to the state topic as the Kafka commands (SPEC §3.5).')
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'REGISTRY_API_TOKEN' })
        .build();
    const document = swagger_1.SwaggerModule.createDocument(app, config, { include: [api_module_1.ApiModule] });
    swagger_1.SwaggerModule.setup(exports.API_DOCS_PATH, app, document);
}
//# sourceMappingURL=api-docs.js.map