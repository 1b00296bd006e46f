"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sdGroupJson = sdGroupJson;
exports.renderSdBody = renderSdBody;
const sd_target_group_1 = require("../target/sd-target-group");
function sdGroupJson(registration) {
    return JSON.stringify((0, sd_target_group_1.sdTargetGroup)(registration));
}
function renderSdBody(registrations) {
    const sorted = [...registrations].sort((a, b) => (0, sd_target_group_1.compareIds)(a.applicationUuid, b.applicationUuid));
    return `[${sorted.map(sdGroupJson).join(',')}]`;
}
//# sourceMappingURL=sd-body.js.map