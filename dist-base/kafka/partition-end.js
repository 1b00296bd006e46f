"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=partition-end.js.map