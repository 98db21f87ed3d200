import { EXPORTER_VERSION } from '../version.js';
console.log(`discord-server-exporter ${EXPORTER_VERSION}`);
