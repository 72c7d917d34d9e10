// CommonJS: require() of the package (Node >= 20.19 loads ES modules with require()).
const { createSimulation } = require('criticality');
const { createHandler } = require('criticality/serverless');

createSimulation({ size: 16, temperature: 2.3, seed: 5 }).then((sim) => {
  sim.sweep(50);
  console.log(JSON.stringify({ engine: sim.engine, energy: sim.energy(), handler: typeof createHandler({ maxMs: 1000 }) }));
});
