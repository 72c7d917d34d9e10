'use strict';
// The require() entries of the package (index.cjs, serverless.cjs). The package is made of ES
// modules; Node >= 20.19 (and >= 22.12) load them with require(). Older versions refuse
// (ERR_REQUIRE_ESM), and then the error says what to write instead.
module.exports = function requireEsm(load, name, example) {
  try {
    return load();
  } catch (error) {
    if (error && error.code === 'ERR_REQUIRE_ESM') {
      throw new Error(
        name + ' is an ES module and this Node (' + process.version + ') cannot require() it: write ' + example +
          " (or await import('" + name + "')), or use Node >= 20.19",
        { cause: error },
      );
    }
    throw error;
  }
};
