// The demo's address state (demo/src/state.ts): every parameter read back as written (the model,
// q and lattice too), bad values replaced by their defaults with a line saying why, a parameter the
// model does not take named and ignored, an algorithm or lattice a model does not run refused with
// the model's own list, unknown parameters named, the temperature slider's map around the model's Tc.
import { describe, expect, it } from 'vitest';
import { CRITICAL_TEMPERATURE, CUBIC_CRITICAL_TEMPERATURE, modelDefinition, pottsCriticalTemperature, XY_BKT_TEMPERATURE } from '../src/index.js';
import { DEFAULT_STATE, parseState, serializeState, sliderToTemperature, temperatureToSlider, withModel, type LabState } from '../demo/src/state.js';

describe('demo address state', () => {
  it('reads back what it writes', () => {
    const state: LabState = { model: 'ising', q: 10, lattice: 'square', overRelaxation: 0, lambda: 2.1, temperature: 2.1, field: -0.25, size: 512, algorithm: 'swendsen-wang', backend: 'js', seed: 123456789, start: 'cold', clusters: true };
    const query = serializeState(state);
    expect(query).toBe('?model=ising&T=2.1&h=-0.25&L=512&algorithm=swendsen-wang&backend=js&seed=123456789&start=cold&clusters=1');
    // an address of earlier releases (no model) is the Ising lab
    expect(parseState(query.replace('model=ising&', ''))).toEqual({ state, problems: [] });
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
      'unknown parameter "colour" ignored (known: model, q, lattice, overRelaxation, lambda, T, h, L, algorithm, backend, seed, start, clusters)',
    ]);
    // good values next to bad ones are kept
    expect(parseState('?T=9&L=64&h=').state).toMatchObject({ temperature: CRITICAL_TEMPERATURE, size: 64, field: 0 });
    expect(parseState('?T=9&L=64&h=').problems).toHaveLength(2);
  });

  it('reads and writes the Potts model with its q, T = tc at the Potts T_c', () => {
    const potts: LabState = { ...DEFAULT_STATE, model: 'potts', q: 4, temperature: pottsCriticalTemperature(4), size: 64 };
    const query = serializeState(potts);
    expect(query).toBe('?model=potts&q=4&T=tc&h=0&L=64&algorithm=metropolis&backend=wasm&seed=1&start=hot&clusters=0');
    expect(parseState(query)).toEqual({ state: potts, problems: [] });
    expect(parseState('?model=potts&q=4&L=64')).toEqual({ state: potts, problems: [] });
    expect(parseState('?model=potts&q=7&T=0.8&clusters=1&algorithm=wolff')).toEqual({
      state: { ...DEFAULT_STATE, model: 'potts', q: 7, temperature: 0.8, clusters: true, algorithm: 'wolff' },
      problems: [],
    });
    // without q: q = 10 at its T_c
    expect(parseState('?model=potts').state).toMatchObject({ model: 'potts', q: 10, temperature: pottsCriticalTemperature(10) });
    // the Ising address does not carry q, and q with the Ising model is named and ignored
    expect(serializeState({ ...potts, model: 'ising', temperature: 2 })).not.toMatch(/q=/);
    expect(parseState('?q=4&L=64')).toEqual({ state: { ...DEFAULT_STATE, size: 64 }, problems: ['q = "4": only for model=potts or model=clock (the number of states); ignored'] });
  });

  it('refuses what the Potts lab cannot run, naming the value and falling back to the default', () => {
    const { state, problems } = parseState('?model=phi3&q=3');
    expect(state).toEqual(DEFAULT_STATE);
    expect(problems).toEqual(['model = "phi3": expected one of ising, potts, clock, xy, heisenberg, phi4; using ising', 'q = "3": only for model=potts or model=clock (the number of states); ignored']);
    const bad = parseState('?model=potts&q=1&T=4&L=4096');
    expect(bad.state).toEqual({ ...DEFAULT_STATE, model: 'potts', temperature: pottsCriticalTemperature(10) });
    expect(bad.problems).toEqual([
      'q = "1": expected an integer from 2 to 20; using 10',
      'T = "4": expected a temperature from 0.25 to 2.5 (or "tc"); using Tc = 0.7012',
      'L = "4096": expected one of 16, 32, 64, 128, 256, 512, 1024 for model=potts; using 128',
    ]);
    expect(parseState('?model=potts&q=2.5').problems).toEqual(['q = "2.5": expected an integer from 2 to 20; using 10']);
  });

  it('switches model at the new Tc and a size the model runs', () => {
    const big = { ...DEFAULT_STATE, size: 4096, temperature: 1.5 };
    expect(withModel(big, 'potts', 3)).toEqual({ ...big, model: 'potts', q: 3, size: 1024, temperature: pottsCriticalTemperature(3) });
    expect(withModel(withModel(big, 'potts', 3), 'ising', 3)).toEqual({ ...big, q: 3, size: 1024, temperature: CRITICAL_TEMPERATURE });
  });

  it('maps the slider finest around Tc, with Tc in the middle', () => {
    expect(sliderToTemperature(0)).toBe(CRITICAL_TEMPERATURE);
    expect(sliderToTemperature(-1)).toBeCloseTo(0.5, 12);
    expect(sliderToTemperature(1)).toBeCloseTo(5, 12);
    expect(Math.abs(sliderToTemperature(0.1) - CRITICAL_TEMPERATURE)).toBeLessThan(0.003);
    for (const T of [0.5, 1, 2, 2.2, CRITICAL_TEMPERATURE, 2.3, 3, 5]) expect(sliderToTemperature(temperatureToSlider(T))).toBeCloseTo(T, 12);
    // Potts: the model's Tc in the middle, its range at the ends
    const potts = { model: 'potts', q: 10 } as const;
    expect(sliderToTemperature(0, potts)).toBe(pottsCriticalTemperature(10));
    expect(sliderToTemperature(-1, potts)).toBeCloseTo(0.25, 12);
    expect(sliderToTemperature(1, potts)).toBeCloseTo(2.5, 12);
    for (const T of [0.25, 0.6, 0.7, 0.71, 1, 2.5]) expect(sliderToTemperature(temperatureToSlider(T, potts), potts)).toBeCloseTo(T, 12);
  });

  it('reads over-relaxation sweeps and lambda where the model takes them, with the library\'s typed message for a bad value', () => {
    // phi^4 takes both, XY and Heisenberg the sweeps: read back as written
    const phi4 = parseState('?model=phi4&overRelaxation=3&lambda=1.5&L=32');
    expect(phi4.problems).toEqual([]);
    expect(phi4.state).toMatchObject({ model: 'phi4', overRelaxation: 3, lambda: 1.5, size: 32 });
    expect(serializeState(phi4.state)).toMatch(/^\?model=phi4&overRelaxation=3&lambda=1\.5&T=/);
    expect(parseState(serializeState(phi4.state))).toEqual(phi4);
    expect(parseState('?model=heisenberg&overRelaxation=5').state.overRelaxation).toBe(5);
    // lambda moves the phi^4 T_c: known at the improved lambda = 2.1 on the cubic lattice only
    expect(parseState('?model=phi4&lattice=cubic').state.temperature).toBeCloseTo(1 / 0.5091503, 6);
    expect(parseState('?model=phi4&lattice=cubic&lambda=1').state.temperature).not.toBeCloseTo(1 / 0.5091503, 3);
    // a bad value: the library's InvalidOptionError message, naming option, value and what was expected; the default stays
    const bad = parseState('?model=xy&overRelaxation=1.5');
    expect(bad.state.overRelaxation).toBe(0);
    expect(bad.problems).toEqual(['overRelaxation = "1.5": Invalid option "overRelaxation": expected an integer from 0 to 64 (over-relaxation sweeps after each Metropolis sweep), got 1.5; using 0']);
    expect(parseState('?model=phi4&lambda=-2').problems).toEqual([expect.stringMatching(/^lambda = "-2": Invalid option "lambda": expected a number > 0 and <= 1000000 .*got -2; using 2\.1$/)]);
    expect(parseState('?model=phi4&lambda=abc').problems).toEqual([expect.stringMatching(/^lambda = "abc": Invalid option "lambda": expected a number > 0/)]);
    // a model that does not take them: named and ignored, and never written
    expect(parseState('?model=ising&lambda=2&overRelaxation=1').problems).toEqual([
      'overRelaxation = "1": only for model=xy or model=heisenberg or model=phi4 (over-relaxation sweeps after each Metropolis sweep); ignored',
      'lambda = "2": only for model=phi4 (the quartic coupling of the phi^4 potential); ignored',
    ]);
    expect(serializeState({ ...DEFAULT_STATE, overRelaxation: 4, lambda: 3 })).not.toMatch(/overRelaxation|lambda/);
  });

  it('reads the continuous-spin models and the cubic lattice, each with its own sizes, algorithms and T_c', () => {
    // the XY model at its default size, T at T_BKT, the algorithm the model runs
    expect(parseState('?model=xy')).toEqual({ state: { ...DEFAULT_STATE, model: 'xy', size: 64, temperature: XY_BKT_TEMPERATURE }, problems: [] });
    expect(serializeState(parseState('?model=xy&L=64').state)).toBe('?model=xy&overRelaxation=0&T=tc&h=0&L=64&algorithm=metropolis&backend=wasm&seed=1&start=hot&clusters=0');
    // clock: q (default 6) and its T_c
    const clock = parseState('?model=clock&q=6');
    expect(clock).toEqual({ state: { ...DEFAULT_STATE, model: 'clock', q: 6, size: 64, temperature: modelDefinition('clock').criticalTemperature({ q: 6 }) }, problems: [] });
    expect(serializeState(clock.state)).toMatch(/^\?model=clock&q=6&T=tc&/);
    expect(parseState('?model=clock').state.q).toBe(6);
    expect(parseState('?model=clock&q=30').problems).toEqual(['q = "30": expected an integer from 2 to 20; using 6']);
    // an algorithm the model does not run is refused with the model's own list (the library's)
    const phi4 = modelDefinition('phi4').algorithms.join(', ');
    expect(parseState('?model=phi4&algorithm=swendsen-wang').problems).toEqual([
      `algorithm = "swendsen-wang": expected one of ${phi4} for model=phi4; using metropolis`,
    ]);
    expect(parseState('?model=xy&algorithm=swendsen-wang').problems).toEqual([]);
    expect(parseState('?model=heisenberg&L=512').problems).toEqual(['L = "512": expected one of 16, 32, 64, 128, 256 for model=heisenberg; using 64']);
    // the cubic lattice: its T_c, its sizes, the address carries lattice=cubic (square is left out)
    const cubic = parseState('?lattice=cubic&L=64&algorithm=wolff');
    expect(cubic).toEqual({ state: { ...DEFAULT_STATE, lattice: 'cubic', size: 64, algorithm: 'wolff', temperature: CUBIC_CRITICAL_TEMPERATURE }, problems: [] });
    expect(serializeState(cubic.state)).toBe('?model=ising&lattice=cubic&T=tc&h=0&L=64&algorithm=wolff&backend=wasm&seed=1&start=hot&clusters=0');
    expect(parseState('?lattice=cubic').state.size).toBe(32);
    expect(parseState('?lattice=cubic&L=128').problems).toEqual(['L = "128": expected one of 8, 16, 32, 64 for model=ising, lattice=cubic; using 32']);
    expect(parseState('?lattice=hexagonal').problems).toEqual(['lattice = "hexagonal": expected one of square, cubic; using square']);
    // every model runs on both lattices (the library's list): XY on the cube at its 3D T_c
    expect(parseState('?model=xy&lattice=cubic')).toEqual({ state: { ...DEFAULT_STATE, model: 'xy', lattice: 'cubic', size: 16, temperature: 1 / 0.454165 }, problems: [] });
    // the tour step is a view parameter: not a problem
    expect(parseState('?tour=3').problems).toEqual([]);
  });

  it('switches model and lattice at the new T_c, with a size and algorithm the model runs', () => {
    const big = { ...DEFAULT_STATE, size: 4096, algorithm: 'swendsen-wang' as const };
    const xy = withModel(big, 'xy', 10);
    expect(xy).toMatchObject({ model: 'xy', size: 256, temperature: XY_BKT_TEMPERATURE });
    expect(modelDefinition('xy').algorithms).toContain(xy.algorithm);
    expect(withModel(DEFAULT_STATE, 'ising', 10, 'cubic')).toMatchObject({ lattice: 'cubic', size: 32, temperature: CUBIC_CRITICAL_TEMPERATURE });
    expect(withModel(withModel(DEFAULT_STATE, 'ising', 10, 'cubic'), 'xy', 10)).toMatchObject({ lattice: 'cubic', temperature: 1 / 0.454165 });
  });
});
