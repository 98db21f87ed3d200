import { defineActionScenarios } from './action-scenarios.js';

defineActionScenarios(`node ${process.versions.node}`, process.execPath);
