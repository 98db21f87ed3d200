import { defineActionScenarios } from './action-scenarios.js';
import { NODE24 } from './action-harness.js';

// action.yml declares `using: node24`: the same scenarios under a Node 24 binary (test/helpers/node24.ts).
defineActionScenarios('node 24', NODE24);
