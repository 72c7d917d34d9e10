'use strict';
// require('criticality'). The package is an ES module; Node >= 20.19 (and >= 22.12) load it with
// require(). Older versions cannot, and then this says what to write instead.
try {
  module.exports = require('../dist/index.js');
} catch (error) {
  if (error && error.code === 'ERR_REQUIRE_ESM') {
    throw new Error(
      "criticality is an ES module and this Node (" + process.version + ") cannot require() it: " +
        "write import { createSimulation } from 'criticality' (or const criticality = await import('criticality')), " +
        'or use Node >= 20.19',
      { cause: error },
    );
  }
  throw error;
}
