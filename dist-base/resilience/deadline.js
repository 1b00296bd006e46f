"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DeadlineError = void 0;
exports.withDeadline = withDeadline;
exports.settledWithin = settledWithin;
class DeadlineError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DeadlineError';
    }
}
exports.DeadlineError = DeadlineError;
async function withDeadline(work, ms, message) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(message)), ms);
    });
    try {
        return await Promise.race([work, deadline]);
    }
    finally {
        clearTimeout(timer);
    }
}
async function settledWithin(work, ms) {
    try {
        await withDeadline(work, ms, 'deadline');
        return true;
    }
    catch (error) {
        return !(error instanceof DeadlineError);
    }
}
//# sourceMappingURL=deadline.js.map