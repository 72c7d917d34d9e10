// The demo's address state (demo/src/state.ts): every parameter read back as written, bad values
// replaced by their defaults with a line saying why, unknown parameters named, the temperature
// slider's map around Tc.
import { describe, expect, it } from 'vitest';
import { CRITICAL_TEMPERATURE } from '../src/index.js';
import { DEFAULT_STATE, parseState, serializeState, sliderToTemperature, temperatureToSlider, type LabState } from '../demo/src/state.js';

describe('demo address state', () => {
  it('reads back what it writes', () => {
    const state: LabState = { temperature: 2.1, field: -0.25, size: 512, algorithm: 'swendsen-wang', backend: 'js', seed: 123456789, start: 'cold', clusters: true };
    const query = serializeState(state);
    expect(query).toBe('?T=2.1&h=-0.25&L=512&algorithm=swendsen-wang&backend=js&seed=123456789&start=cold&clusters=1');
    expect(parseState(query)).toEqual({ state, problems: [] });
    expect(parseState(serializeState(DEFAULT_STATE))).toEqual({ state: DEFAULT_STATE, problems: [] });
    expect(parseState('')).toEqual({ state: DEFAULT_STATE, problems: [] });
    expect(parseState('?T=TC').state.temperature).toBe(CRITICAL_TEMPERATURE);
  });

  it('falls back to the default of each bad value and says why', () => {
    const { state, problems } = parseState('?T=-3&L=63&algorithm=glauber&h=abc&seed=1.5&start=warm&clusters=yes&backend=gpu&colour=red');
    expect(state).toEqual(DEFAULT_STATE);
    expect(problems).toEqual([
      'T = "-3": expected a temperature from 0.5 to 5 (or "tc"); using Tc = 2.269',
      'h = "abc": expected a number; using 0',
      'L = "63": expected one of 16, 32, 64, 128, 256, 512, 1024, 2048, 4096; using 128',
      'algorithm = "glauber": expected one of metropolis, heat-bath, wolff, swendsen-wang, hybrid; using metropolis',
      'backend = "gpu": expected one of wasm, js; using wasm',
      'seed = "1.5": expected an integer from 0 to 9007199254740991; using 1',
      'start = "warm": expected one of hot, cold; using hot',
      'clusters = "yes": expected 1 or 0; using 0',
      'unknown parameter "colour" ignored (known: T, h, L, algorithm, backend, seed, start, clusters)',
    ]);
    // good values next to bad ones are kept
    expect(parseState('?T=9&L=64&h=').state).toMatchObject({ temperature: CRITICAL_TEMPERATURE, size: 64, field: 0 });
    expect(parseState('?T=9&L=64&h=').problems).toHaveLength(2);
  });

  it('maps the slider finest around Tc, with Tc in the middle', () => {
    expect(sliderToTemperature(0)).toBe(CRITICAL_TEMPERATURE);
    expect(sliderToTemperature(-1)).toBeCloseTo(0.5, 12);
    expect(sliderToTemperature(1)).toBeCloseTo(5, 12);
    expect(Math.abs(sliderToTemperature(0.1) - CRITICAL_TEMPERATURE)).toBeLessThan(0.003);
    for (const T of [0.5, 1, 2, 2.2, CRITICAL_TEMPERATURE, 2.3, 3, 5]) expect(sliderToTemperature(temperatureToSlider(T))).toBeCloseTo(T, 12);
  });
});
