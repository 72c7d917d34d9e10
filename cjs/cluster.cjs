'use strict';
// require('criticality/cluster'): see ./require-esm.cjs.
module.exports = require('./require-esm.cjs')(() => require('../dist/distributed/index.js'), 'criticality/cluster', "import { enqueueSweep, startWorker, collectSweep } from 'criticality/cluster'");
