"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.escapeForLog = escapeForLog;
const ESCAPES = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function escapeForLog(text) {
    return text.replace(UNSAFE, (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
//# sourceMappingURL=escape-for-log.js.map