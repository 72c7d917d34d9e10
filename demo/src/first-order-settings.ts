/**
 * Settings of the first-order view (pure, no DOM): the default hysteresis ramp around the Potts T_c
 * and the check of a ramp typed into the page.
 */
import { expandTemperatures } from 'criticality';
import { criticalTemperatureOf } from './state.js';

/** Most temperatures of a ramp (each is measured twice, heating and cooling). */
export const MAX_RAMP_POINTS = 200;

/** The default ramp around T_c of q: +-8 %, about 40 temperatures (three decimals). */
export function defaultRamp(q: number): { from: number; to: number; step: number } {
  const tc = criticalTemperatureOf({ model: 'potts', q });
  const from = Number((0.92 * tc).toFixed(3));
  const to = Number((1.08 * tc).toFixed(3));
  return { from, to, step: Math.max(0.001, Number(((to - from) / 40).toFixed(3))) };
}

/** The settings of a ramp, checked: the temperatures heated through (then cooled back). Throws a plain message. */
export function rampTemperatures(from: number, to: number, step: number): number[] {
  if (![from, to, step].every(Number.isFinite)) throw new Error('T from, to and step must be numbers');
  if (!(from > 0 && to > from && step > 0)) throw new Error('expected 0 < T from < T to and a step > 0');
  const points = Math.floor((to - from) / step + 1e-9) + 1;
  if (points < 2 || points > MAX_RAMP_POINTS) throw new Error(`expected 2 to ${MAX_RAMP_POINTS} temperatures; these settings give ${points}`);
  return expandTemperatures({ from, to, step });
}

