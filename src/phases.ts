/**
 * Did a measurement sample the phases? Below the critical temperature the ordered state has
 * several phases (Ising: up and down; Potts: q states). A field favours some of them, yet the
 * others keep a weight w in equilibrium (first-order, field-driven coexistence). Local updates
 * cross between phases only through rare nucleation events, so a run can stay in one phase and
 * report that phase's values with confident, wrong error bars (metastability). This module counts
 * what the run did and says so.
 *
 *   tunnelings   changes of the phase sector (the model's `phases.sector`: Ising the sign of M,
 *                Potts the majority state; a tie keeps the previous sector) between consecutive
 *                recorded steps
 *   disfavoured  the fraction of recorded steps spent in sectors the field disfavours
 *   w            the model's estimate of the equilibrium weight of the disfavoured phases, from the
 *                measured order (Ising: w = 1 / (1 + exp(2 beta |h| <|m|> N)))
 *
 * A warning is issued below T_c in a field when the run crossed fewer than MIN_TUNNELINGS times and
 * either (a) spent most of its steps in disfavoured sectors although w < 1/2 (stuck in a metastable
 * phase) or (b) should have spent w n >= MIN_EXPECTED_STEPS of its n steps in them: so few
 * crossings cannot sample the weights of the phases, however many steps they happened to cover.
 * At h = 0 the phases are equivalent by symmetry and every reported
 * observable (e, |m|, m^2, m^4 and what derives from them) is even in the order parameter, so a
 * run that never tunnels still reports correct values: `tunnelings` is counted, nothing is warned.
 * Deliberate metastability studies (hysteresis ramps) do not go through this check.
 */
import type { Lattice } from './vocabulary.js';
import type { ModelDefinition, ModelParameters } from './models/model.js';

/** Fewer crossings than this sample the weights of the phases poorly. */
export const MIN_TUNNELINGS = 10;
/** Expected steps in the disfavoured phases from which their absence is a finding. */
export const MIN_EXPECTED_STEPS = 10;

export interface PhaseVisits {
  tunnelings: number;
  /** Fraction of recorded steps in disfavoured sectors (NaN at h = 0). */
  disfavoured: number;
  /** Estimated equilibrium weight of the disfavoured phases (NaN at h = 0 or above T_c). */
  weight: number;
  warning?: string;
}

/** What a run did: its crossings between sectors and its steps in disfavoured sectors. */
export interface PhaseCounts {
  steps: number;
  tunnelings: number;
  disfavouredSteps: number;
}

/** The parameters of the run the counts come from; `order` is the measured mean of the model's `phases.order` observable. */
export interface PhaseRun {
  /** The lattice (square unless named): its T_c decides whether the check applies. */
  lattice?: Lattice;
  temperature: number;
  beta: number;
  field: number;
  sites: number;
  order: number;
}

/** Counts the phase visits of `steps` records of the model's layout. */
export function countPhases(definition: ModelDefinition, parameters: ModelParameters, records: ArrayLike<number>, steps: number, field: number): PhaseCounts {
  const { phases } = definition;
  const width = definition.recordWidth(parameters);
  let tunnelings = 0;
  let disfavouredSteps = 0;
  let sector = phases.sector(records, 0, 0, parameters);
  for (let k = 0, at = 0; k < steps; k++, at += width) {
    const next = phases.sector(records, at, sector, parameters);
    if (k > 0 && next !== sector) tunnelings++;
    sector = next;
    if (phases.favoured(sector, field) === false) disfavouredSteps++;
  }
  return { steps, tunnelings, disfavouredSteps };
}

/** Judges the counts of a run (see the module comment): the visits and, where they fall short, the warning. */
export function judgePhases(definition: ModelDefinition, parameters: ModelParameters, counts: PhaseCounts, run: PhaseRun): PhaseVisits {
  const { phases } = definition;
  const { steps, tunnelings, disfavouredSteps } = counts;
  if (run.field === 0) return { tunnelings, disfavoured: NaN, weight: NaN };
  const disfavoured = disfavouredSteps / steps;
  if (!(run.temperature < definition.criticalTemperature(parameters, run.lattice))) return { tunnelings, disfavoured, weight: NaN };
  const weight = phases.disfavouredWeight(run.order, run.beta, run.field, run.sites, parameters);
  const visits: PhaseVisits = { tunnelings, disfavoured, weight };
  if (tunnelings >= MIN_TUNNELINGS) return visits;
  const expected = weight * steps;
  const remedy =
    `Use cluster updates (algorithm "wolff", "swendsen-wang" or "hybrid"), parallel tempering, or a run long enough for many ` +
    `crossings; a deliberate study of metastable branches belongs in a hysteresis ramp.`;
  const seen =
    `it crossed between phases (${phases.describe}) ${tunnelings} time(s) in ${steps} recorded steps and spent ` +
    `${(100 * disfavoured).toPrecision(3)}% of them in the phases the field h = ${run.field} disfavours`;
  if (disfavoured > 0.5 && weight < 0.5) {
    visits.warning =
      `metastable: ${seen}, whose equilibrium weight is only about ${weight.toPrecision(3)} at T = ${run.temperature} (below ` +
      `T_c): the run is stuck in a metastable phase and does not measure the equilibrium state. ${remedy}`;
  } else if (expected >= MIN_EXPECTED_STEPS) {
    visits.warning =
      `phases not sampled: ${seen}, where equilibrium puts a weight of about ${weight.toPrecision(3)} (about ` +
      `${Math.round(expected)} steps); fewer than ${MIN_TUNNELINGS} crossings cannot sample the weights of the phases: below T_c local ` +
      `updates rarely cross between them, so the estimates describe the phase the run stayed in and their error bars do not cover the rest. ${remedy}`;
  }
  return visits;
}

/** Counts and judges the phase visits of `steps` records (see the module comment). */
export function phaseVisits(definition: ModelDefinition, parameters: ModelParameters, records: ArrayLike<number>, steps: number, run: PhaseRun): PhaseVisits {
  return judgePhases(definition, parameters, countPhases(definition, parameters, records, steps, run.field), run);
}
