'use strict';
// require('criticality'): see ./require-esm.cjs.
module.exports = require('./require-esm.cjs')(() => require('../dist/index.js'), 'criticality', "import { createSimulation } from 'criticality'");
