"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.headerText = headerText;
function headerText(value) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first === null)
        return null;
    return typeof first === 'string' ? first : first.toString('utf8');
}
//# sourceMappingURL=record-headers.js.map