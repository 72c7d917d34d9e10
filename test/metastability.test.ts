// Metastability in a field (issue 19): below T_c local updates can stay in the phase the start
// chose; the measuring run counts phase crossings (`tunnelings`), warns when the disfavoured phase
// was not sampled although its weight is not negligible, or when the run is stuck in it, and stays
// silent where the phases were sampled (cluster updates), where their weight is negligible (large
// h), and at h = 0 (equivalent phases, even observables).
import { describe, expect, it } from 'vitest';
import { createSimulation, densityOfStates, exactMoments, executeJob, runSweep, type Algorithm } from '../src/index.js';

const phaseWarning = (warnings: string[]) => warnings.find((w) => w.startsWith('phases not sampled') || w.startsWith('metastable'));

async function measure(size: number, temperature: number, field: number, algorithm: Algorithm, sweeps: number, start: 'hot' | 'cold' = 'hot') {
  const sim = await createSimulation({ size, temperature, field, algorithm, seed: 3, start, backend: 'js' });
  const m = sim.measure({ thermalize: 1000, sweeps });
  sim.dispose();
  return m;
}

describe('phase visits and the metastability warning', () => {
  it('warns when Metropolis and heat-bath never leave the field-favoured phase (L = 6, T = 1.5, h = 0.1)', async () => {
    for (const algorithm of ['metropolis', 'heat-bath'] as const) {
      const m = await measure(6, 1.5, 0.1, algorithm, 50_000);
      expect(m.tunnelings).toBeLessThan(10);
      expect(phaseWarning(m.warnings)).toMatch(/phases not sampled: .* weight of about 0\.00[89]/);
      expect(phaseWarning(m.warnings)).toMatch(/cluster updates/);
    }
  });

  it('warns at L = 4, h = -0.3 (reversed weight 0.18%)', async () => {
    const m = await measure(4, 1.5, -0.3, 'metropolis', 100_000);
    expect(phaseWarning(m.warnings)).toMatch(/phases not sampled/);
  });

  it('is silent with Wolff and Swendsen-Wang, which cross often and agree with the exact energy', async () => {
    const exact = exactMoments(densityOfStates(4), 1.5, -0.3);
    for (const algorithm of ['wolff', 'swendsen-wang'] as const) {
      const m = await measure(4, 1.5, -0.3, algorithm, 100_000);
      expect(m.tunnelings).toBeGreaterThanOrEqual(10);
      expect(phaseWarning(m.warnings)).toBeUndefined();
      const z = (m.observables.energy.mean - exact.energy) / m.observables.energy.error;
      expect(Math.abs(z)).toBeLessThan(4);
    }
  });

  it('names a run stuck in the phase the field disfavours as metastable', async () => {
    const m = await measure(16, 1.5, -0.05, 'metropolis', 2000, 'cold');
    expect(m.tunnelings).toBe(0);
    expect(phaseWarning(m.warnings)).toMatch(/^metastable: .* 100\.?0*% of them in the phases the field h = -0\.05 disfavours/);
  });

  it('is silent where the reversed phase is negligible (large h), at h = 0, and above T_c', async () => {
    expect(phaseWarning((await measure(6, 1.5, 1, 'metropolis', 20_000)).warnings)).toBeUndefined();
    const symmetric = await measure(6, 1.5, 0, 'metropolis', 20_000);
    expect(symmetric.tunnelings).toBeTypeOf('number');
    expect(phaseWarning(symmetric.warnings)).toBeUndefined();
    expect(phaseWarning((await measure(6, 3.5, 0.1, 'metropolis', 20_000)).warnings)).toBeUndefined();
  });

  it('reaches jobs and sweeps', async () => {
    const job = await executeJob({ kind: 'run', options: { size: 6, temperature: 1.5, field: 0.1, seed: 3, backend: 'js' }, thermalize: 1000, sweeps: 50_000 });
    expect(job.state === 'completed' && phaseWarning(job.result.warnings)).toMatch(/phases not sampled/);
    const sweep = await runSweep({ sizes: [6], temperatures: [1.5], field: 0.1, thermalize: 1000, sweeps: 50_000, backend: 'js', seed: 3 });
    expect(phaseWarning(sweep.points[0].measurement.warnings)).toMatch(/phases not sampled/);
    expect(sweep.points[0].measurement.tunnelings).toBeLessThan(10);
  });
});
