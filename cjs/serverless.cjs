'use strict';
// require('criticality/serverless'): see ./require-esm.cjs.
module.exports = require('./require-esm.cjs')(() => require('../dist/serverless/index.js'), 'criticality/serverless', "import { createHandler } from 'criticality/serverless'");
