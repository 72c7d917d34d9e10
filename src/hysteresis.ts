/**
 * Hysteresis: a heating ramp then a cooling ramp over the same temperatures, on one lattice that is
 * never reset, the way a first-order transition is found in the laboratory. The system starts in
 * the ordered state (cold start) at the lowest temperature; at every temperature of the ramp it runs
 * `sweeps` steps and records the mean energy per site e and the mean order parameter (Ising |m|,
 * Potts m = |M| / N) over them; then it cools back down through the same temperatures. Below and above
 * a first-order transition the two branches part: the ordered phase survives past T_t on heating
 * (superheating) and the disordered one below it on cooling (supercooling), and the loop encloses an
 * area of the order of the latent heat times the width of the metastable range. A continuous
 * transition shows a loop only from the finite ramp rate, shrinking as the ramp slows.
 *
 *   loop area A_e = integral over T of (e_cooling(T) - e_heating(T)) dT   (trapezoid rule over the ramp)
 *   A_m = integral over T of (m_heating(T) - m_cooling(T)) dT              (both > 0 for a lagging system:
 *                                                                         heating keeps the ordered, low-energy
 *                                                                         phase, cooling the disordered one)
 *
 * With `repeats` > 1, independent ramps (seeds childSeed(seed, r)) give each branch point and each
 * area as a mean with its standard error. These branches are metastable by design: this is the
 * place to study them, not measure() (whose phase check, src/phases.ts, would warn).
 */
import { geometryOf, sitesOf } from './lattice.js';
import { InvalidOptionError } from './errors.js';
import type { Observable } from './measure.js';
import { createRecords, modelDefinition } from './models/index.js';
import { normalizeOptions, type SimulationOptions } from './options.js';
import { childSeed } from './rng.js';
import { createSimulation } from './simulation.js';
import { expandTemperatures, type TemperatureSpec } from './sweep.js';
import { checkCount, checkObject } from './validate.js';
import type { Lattice, Model } from './vocabulary.js';

/** Options of {@link hysteresis}: the simulation (no temperature, beta or start) and the ramp. */
export interface HysteresisOptions extends Omit<SimulationOptions, 'temperature' | 'beta' | 'start'> {
  /** Temperatures of the ramp, increasing (a list, or a range { from, to, step }): heated through in order, then cooled back. */
  temperatures: TemperatureSpec;
  /** Steps at each temperature (the ramp rate is step / sweeps): an integer >= 1. @default 100 */
  sweeps?: number;
  /** Steps at the lowest temperature before the ramp starts. @default 0 */
  thermalize?: number;
  /** Independent ramps averaged (seeds childSeed(seed, r)). @default 1 */
  repeats?: number;
  /**
   * Called after every temperature of every ramp, in order (heating up, then cooling down), with that
   * point's means: a page can draw the loop as it grows. It does not change the run.
   */
  onPoint?: (point: HysteresisPoint) => void;
}

/** One point of one ramp, as it is measured (see {@link HysteresisOptions.onPoint}). */
export interface HysteresisPoint {
  /** The ramp, 0 .. repeats - 1. */
  repeat: number;
  branch: 'heating' | 'cooling';
  /** Index of the temperature in the (increasing) list of temperatures. */
  index: number;
  temperature: number;
  /** Mean energy per site e over the point's steps. */
  energy: number;
  /** Mean order parameter (Ising |m|, Potts |M| / N) over the point's steps. */
  orderParameter: number;
}

/** One branch of the loop: a value per temperature (increasing T). */
export interface HysteresisBranch {
  energy: Observable[];
  orderParameter: Observable[];
}

export interface HysteresisResult {
  model: Model;
  q?: number;
  lattice: Lattice;
  size: number;
  field: number;
  algorithm: string;
  seed: number;
  backend: string;
  temperatures: number[];
  sweeps: number;
  repeats: number;
  heating: HysteresisBranch;
  cooling: HysteresisBranch;
  /** The areas of the loops of e(T) and m(T) (see the module comment). */
  loopArea: { energy: Observable; orderParameter: Observable };
  /** Work of all ramps in sweep equivalents. */
  sweepEquivalents: number;
}

/** Mean and standard error of independent values (error 0 for one value: a single ramp has no spread to show). */
function meanOf(values: number[]): Observable {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, error: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, error: Math.sqrt(variance / n) };
}

function trapezoid(x: number[], y: number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
  return area;
}

/**
 * Runs heating-then-cooling ramps (see the module comment) and returns both branches of e(T) and of
 * the order parameter, with the loop areas.
 *
 * @example
 * const loop = await hysteresis({ model: 'potts', q: 10, size: 32, temperatures: { from: 0.66, to: 0.74, step: 0.005 }, sweeps: 200 });
 * console.log(loop.loopArea.energy); // ~ latent heat x metastable width
 */
export async function hysteresis(options: HysteresisOptions): Promise<HysteresisResult> {
  const o = checkObject('options', options, '{ size: 32, temperatures: { from: 2, to: 2.6, step: 0.02 } }');
  const {
    temperatures: spec,
    sweeps: givenSweeps,
    thermalize: givenThermalize,
    repeats: givenRepeats,
    onPoint,
    ...simulation
  } = o as unknown as HysteresisOptions;
  if (onPoint !== undefined && typeof onPoint !== 'function') throw new InvalidOptionError('onPoint', onPoint, 'a function (point) => void');
  for (const key of ['temperature', 'beta', 'start'] as const) {
    if (key in simulation)
      throw new InvalidOptionError(
        key,
        (simulation as Record<string, unknown>)[key],
        `no ${key} in a hysteresis ramp (it starts cold at the lowest of "temperatures")`,
      );
  }
  const temperatures = expandTemperatures(spec);
  if (temperatures.length < 2) throw new InvalidOptionError('temperatures', spec, 'at least two temperatures');
  const sweeps = checkCount('sweeps', givenSweeps ?? 100, 1);
  const thermalize = checkCount('thermalize', givenThermalize ?? 0, 0);
  const repeats = checkCount('repeats', givenRepeats ?? 1, 1);
  const normalized = normalizeOptions({ ...simulation, temperature: temperatures[0], start: 'cold' });
  const definition = modelDefinition(normalized.model);
  const parameters = definition.parameters(normalized);
  const width = definition.recordWidth(parameters);
  const N = sitesOf(geometryOf(normalized.lattice), normalized.size);
  const records = createRecords(definition.recordType, width * sweeps);
  const K = temperatures.length;
  const perRamp: { heatE: number[]; heatM: number[]; coolE: number[]; coolM: number[] }[] = [];
  let backend = '';
  let work = 0;
  for (let r = 0; r < repeats; r++) {
    const seed = repeats === 1 ? normalized.seed : childSeed(normalized.seed, r);
    const sim = await createSimulation({ ...simulation, seed, temperature: temperatures[0], start: 'cold' });
    backend = sim.backend;
    try {
      if (thermalize > 0) work += sim.sweep(thermalize).sweepEquivalents;
      const point = (branch: HysteresisPoint['branch'], temperature: number, index: number) => {
        sim.setTemperature(temperature);
        work += sim.sweep(sweeps, records).sweepEquivalents;
        let e = 0;
        let m = 0;
        for (let k = 0; k < sweeps; k++) {
          e += definition.energy(records, width * k, normalized.field) / N;
          m += Math.abs(definition.orderParameter(records, width * k, N, parameters));
        }
        onPoint?.({ repeat: r, branch, index, temperature, energy: e / sweeps, orderParameter: m / sweeps });
        return [e / sweeps, m / sweeps];
      };
      const heating = temperatures.map((T, k) => point('heating', T, k));
      const cooling = temperatures
        .map((T, k) => [T, k] as const)
        .reverse()
        .map(([T, k]) => point('cooling', T, k))
        .reverse();
      perRamp.push({ heatE: heating.map((x) => x[0]), heatM: heating.map((x) => x[1]), coolE: cooling.map((x) => x[0]), coolM: cooling.map((x) => x[1]) });
    } finally {
      sim.dispose();
    }
  }
  const branch = (e: 'heatE' | 'coolE', m: 'heatM' | 'coolM'): HysteresisBranch => ({
    energy: Array.from({ length: K }, (_, k) => meanOf(perRamp.map((p) => p[e][k]))),
    orderParameter: Array.from({ length: K }, (_, k) => meanOf(perRamp.map((p) => p[m][k]))),
  });
  return {
    model: normalized.model,
    ...(normalized.q === undefined ? {} : { q: normalized.q }),
    lattice: normalized.lattice,
    size: normalized.size,
    field: normalized.field,
    algorithm: normalized.algorithm,
    seed: normalized.seed,
    backend,
    temperatures,
    sweeps,
    repeats,
    heating: branch('heatE', 'heatM'),
    cooling: branch('coolE', 'coolM'),
    loopArea: {
      energy: meanOf(
        perRamp.map((p) =>
          trapezoid(
            temperatures,
            p.coolE.map((e, k) => e - p.heatE[k]),
          ),
        ),
      ),
      orderParameter: meanOf(
        perRamp.map((p) =>
          trapezoid(
            temperatures,
            p.heatM.map((m, k) => m - p.coolM[k]),
          ),
        ),
      ),
    },
    sweepEquivalents: work,
  };
}
