/**
 * The packed Metropolis path against Kaufman's exact finite-lattice e and c (docs/validation.md's
 * figures): L = 16 and 32 at T = 2.0, Tc, 2.5, 10^5 sweeps after 2000, seed 1600 + L, on the
 * default engine (the JavaScript twin gives the same numbers bit for bit).
 * Run: npx tsx scripts/validate-packed.ts
 */
import { createSimulation, finiteLatticeExact, CRITICAL_TEMPERATURE } from '../src/index.js';

for (const size of [16, 32]) {
  for (const temperature of [2.0, CRITICAL_TEMPERATURE, 2.5]) {
    const sim = await createSimulation({ size, temperature, seed: 1600 + size });
    const { energy: e, specificHeat: c } = sim.measure({ thermalize: 2000, sweeps: 100_000 }).observables;
    const exact = finiteLatticeExact(size, temperature);
    console.log(
      `L=${size} T=${temperature.toFixed(4)} ${sim.engine}/${sim.layout}: ` +
        `e = ${e.mean.toFixed(5)} +- ${e.error.toFixed(5)} (exact ${exact.energy.toFixed(5)}, z = ${((e.mean - exact.energy) / e.error).toFixed(2)}), ` +
        `c = ${c.mean.toFixed(3)} +- ${c.error.toFixed(3)} (exact ${exact.specificHeat.toFixed(4)}, z = ${((c.mean - exact.specificHeat) / c.error).toFixed(2)})`,
    );
    sim.dispose();
  }
}
