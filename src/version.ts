/** Kept in step with package.json's version (a unit test checks it). */
export const EXPORTER_NAME = 'discord-server-exporter';
export const EXPORTER_VERSION = '1.0.0';
