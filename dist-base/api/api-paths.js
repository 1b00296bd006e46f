"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TARGETS_PATH = void 0;
exports.TARGETS_PATH = 'api/v1/targets';
//# sourceMappingURL=api-paths.js.map