"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.backoffDelay = backoffDelay;
exports.retryWithBackoff = retryWithBackoff;
exports.sleep = sleep;
function backoffDelay(attempt, initialMs, maxMs) {
    return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
}
async function retryWithBackoff(work, options) {
    const { initialMs, maxMs, attempts = Infinity, retryIf, onRetry, signal } = options;
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await work(attempt);
        }
        catch (error) {
            signal?.throwIfAborted();
            if (attempt >= attempts || retryIf?.(error) === false)
                throw error;
            const delay = backoffDelay(attempt, initialMs, maxMs);
            onRetry?.(error, attempt, delay);
            await sleep(delay, signal);
        }
    }
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}
//# sourceMappingURL=backoff.js.map