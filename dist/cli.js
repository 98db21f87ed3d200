var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./build/version.js
/** Kept in step with package.json's version (a unit test checks it). */
const EXPORTER_NAME = 'discord-server-exporter';
const EXPORTER_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/cli/main.js

console.log(`discord-server-exporter ${EXPORTER_VERSION}`);

