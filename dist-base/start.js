"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const node_module_1 = require("node:module");
const node_path_1 = require("node:path");
const node_vm_1 = require("node:vm");
const BUNDLE = (0, node_path_1.join)(__dirname, 'bundle', 'registry.js');
const CODE_CACHE = `${BUNDLE}.v8cache`;
function readCodeCache() {
    try {
        return (0, node_fs_1.readFileSync)(CODE_CACHE);
    }
    catch {
        return undefined;
    }
}
function loadBundle(cachedData) {
    const script = new node_vm_1.Script((0, node_module_1.wrap)((0, node_fs_1.readFileSync)(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
    const module = { exports: {} };
    const load = script.runInThisContext();
    load.call(module.exports, module.exports, (0, node_module_1.createRequire)(BUNDLE), module, BUNDLE, (0, node_path_1.dirname)(BUNDLE));
    const codeCache = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
    return { main: module.exports, codeCache, script };
}
function describeLoad(codeCache) {
    switch (codeCache) {
        case 'used':
            return 'loaded from dist/bundle/registry.js with its code cache';
        case 'rejected':
            return ('loaded from dist/bundle/registry.js without its code cache, which V8 rejected: it was written ' +
                'by another Node.js version or with other V8 flags (NODE_OPTIONS such as --max-old-space-size); ' +
                'start-up compiles the bundle instead');
        case 'absent':
            return `loaded from dist/bundle/registry.js without a code cache (${CODE_CACHE} is missing)`;
    }
}
function run() {
    if (process.argv.includes('--write-code-cache')) {
        const { script } = loadBundle(undefined);
        (0, node_fs_1.writeFileSync)(CODE_CACHE, script.createCachedData());
        process.exit(0);
    }
    if (!(0, node_fs_1.existsSync)(BUNDLE)) {
        require('./main').run('loaded from dist/main.js (no bundle: npm run build makes one)');
        return;
    }
    const { main, codeCache } = loadBundle(readCodeCache());
    main.run(describeLoad(codeCache));
}
run();
//# sourceMappingURL=start.js.map