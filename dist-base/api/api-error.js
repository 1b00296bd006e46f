"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.apiError = apiError;
const common_1 = require("@nestjs/common");
function apiError(statusCode, error) {
    return new common_1.HttpException({ statusCode, error }, statusCode);
}
//# sourceMappingURL=api-error.js.map