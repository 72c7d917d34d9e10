'use strict';
// require('criticality/serverless'): see ./index.cjs.
try {
  module.exports = require('../dist/serverless/index.js');
} catch (error) {
  if (error && error.code === 'ERR_REQUIRE_ESM') {
    throw new Error(
      "criticality/serverless is an ES module and this Node (" + process.version + ") cannot require() it: " +
        "write import { createHandler } from 'criticality/serverless' (or await import('criticality/serverless')), " +
        'or use Node >= 20.19',
      { cause: error },
    );
  }
  throw error;
}
