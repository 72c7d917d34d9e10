/**
 * Parallel tempering (replica exchange) on the pool.
 *
 * R replicas run at temperatures T_1 < ... < T_R. Each round, every replica runs k sweeps at its
 * current temperature (the replicas of a round run in parallel on the pool's workers); then
 * neighbouring temperatures i, i+1 try to exchange their replicas (pairs with i even in even
 * rounds, i odd in odd rounds: the deterministic even-odd scheme). With E the total energy of
 * each replica (the model's Hamiltonian, e.g. Ising E = -sum_<ij> s_i s_j - h sum_i s_i), the
 * exchange is accepted with
 *
 *     min(1, exp((beta_i - beta_{i+1}) (E_at_i - E_at_i+1))),
 *
 * decided as everywhere in criticality by an integer comparison r < floor(p 2^32) of one 32-bit
 * number r from a master xoshiro128** stream seeded with childSeed(seed, 2^32) (one number per
 * attempted pair, accepted or not). Replica r starts from childSeed(seed, r). Replicas never move
 * their configurations: an exchange swaps temperature labels. Every replica's work depends only
 * on its own stream and the temperatures it is given, and the swaps only on the master stream,
 * so results do not depend on the pool size or on how replicas are grouped onto workers.
 *
 * Measurements: the per-sweep records (the model's layout, e.g. Ising (B, M)) are filed under the temperature the replica had
 * during that round, giving one series per temperature, analysed like measure() by the model's analysis (binning,
 * jackknife, tau_int). Round trips: a replica completes one when it returns to T_1 after having
 * reached T_R since it last left T_1; mean round-trip time in sweeps = k x mean rounds per trip.
 * Swap acceptance and round trips count recorded rounds only.
 */
import { geometryOf, sitesOf } from '../lattice.js';
import type { JobOptions } from '../jobs/job.js';
import { InvalidOptionError } from '../errors.js';
import type { Measurement } from '../measure.js';
import { createRecords, modelDefinition } from '../models/index.js';
import { normalizeOptions } from '../options.js';
import { childSeed, seedState, Xoshiro128 } from '../rng.js';
import { maxMeasureSweeps } from '../run.js';
import { createSimulation } from '../simulation.js';
import { checkCount, checkObject, checkSeed, rejectUnknownKeys, withPrefix } from '../validate.js';
import { threshold } from '../thresholds.js';
import type { BackendName } from '../backend/index.js';
import type { PoolInternals, PoolProgress, PoolRunControl } from './pool-types.js';
import type { TemperingTaskResult } from './tempering-task.js';

export interface TemperingOptions {
  /** Options shared by every replica (size, field, algorithm, start, backend); no temperature, beta or seed. */
  options?: JobOptions;
  /** Temperatures T_1 < T_2 < ... < T_R, R >= 2. */
  temperatures: number[];
  /** Replica r starts from childSeed(seed, r); exchanges use childSeed(seed, 2^32). @default 1 */
  seed?: number;
  /** Sweeps of every replica between exchange rounds (k). @default 10 */
  sweepsPerRound?: number;
  /** Rounds discarded first. @default 100 */
  thermalizeRounds?: number;
  /** Rounds recorded (rounds x k sweeps per temperature). */
  rounds: number;
}

export interface SwapStatistics {
  /** The neighbouring temperatures (T_i, T_i+1). */
  temperatures: [number, number];
  attempts: number;
  accepted: number;
  /** accepted / attempts. */
  acceptance: number;
}

export interface TemperingResult {
  /** 'aborted' when the signal stopped it: the measurements then cover the recorded rounds done. */
  state: 'completed' | 'aborted';
  temperatures: number[];
  /** One measurement per temperature, in temperature order. Empty when fewer than 2 sweeps were recorded. */
  measurements: Measurement[];
  /** Exchange statistics per neighbouring pair. */
  swaps: SwapStatistics[];
  roundTrips: {
    /** Completed round trips T_1 -> T_R -> T_1 per replica. */
    perReplica: number[];
    total: number;
    /** Mean duration of a round trip in sweeps (NaN when none completed). */
    meanSweeps: number;
  };
  sweepsPerRound: number;
  thermalizeRounds: number;
  /** Recorded rounds done (equals `rounds` when completed). */
  roundsDone: number;
  /** Workers replaced after a crash during this run. */
  restarts: number;
}

const KNOWN = ['options', 'temperatures', 'seed', 'sweepsPerRound', 'thermalizeRounds', 'rounds'];
/** Index of the master stream among the children of the seed (replicas use 0 .. R-1). */
export const EXCHANGE_STREAM = 2 ** 32;

function validate(input: TemperingOptions) {
  const o = checkObject('tempering options', input, '{ temperatures: [2, 2.5], rounds: 1000 }');
  rejectUnknownKeys(o, KNOWN);
  const options = checkObject('options', input.options ?? {}, '{ "size": 16 }') as JobOptions;
  for (const key of ['temperature', 'beta', 'seed', 'core'] as const) {
    if (key in options)
      throw new InvalidOptionError(`options.${key}`, options[key as keyof JobOptions], `no ${key} in the shared options (tempering sets it per replica)`);
  }
  const normalized = withPrefix('options.', () => normalizeOptions(options));
  const temperatures = input.temperatures;
  if (
    !Array.isArray(temperatures) ||
    temperatures.length < 2 ||
    !temperatures.every((t, i) => typeof t === 'number' && Number.isFinite(t) && t > 0 && (i === 0 || t > temperatures[i - 1]))
  ) {
    throw new InvalidOptionError('temperatures', temperatures, 'an increasing list of at least 2 finite temperatures > 0');
  }
  const seed = checkSeed(input.seed ?? 1);
  const k = checkCount('sweepsPerRound', input.sweepsPerRound ?? 10, 1);
  const thermalizeRounds = checkCount('thermalizeRounds', input.thermalizeRounds ?? 100, 0);
  const rounds = checkCount('rounds', input.rounds, 1);
  const modelOf = modelDefinition(normalized.model);
  const most = maxMeasureSweeps(modelOf.recordWidth(normalized), modelOf.recordType);
  if (rounds * k < 2 || rounds * k > most) {
    throw new InvalidOptionError('rounds', rounds, `rounds x sweepsPerRound from 2 to ${most} recorded sweeps per temperature (sweepsPerRound = ${k})`);
  }
  return { options, normalized, temperatures: [...temperatures], seed, k, thermalizeRounds, rounds };
}

export async function temper(pool: PoolInternals, input: TemperingOptions, control: PoolRunControl = {}): Promise<TemperingResult> {
  const { options, normalized, temperatures, seed, k, thermalizeRounds, rounds } = validate(input);
  const R = temperatures.length;
  const N = sitesOf(geometryOf(normalized.lattice), normalized.size);
  const definition = modelDefinition(normalized.model);
  const parameters = definition.parameters(normalized);
  const W = definition.recordWidth(parameters);
  const beta = temperatures.map((t) => 1 / t);
  const master = new Xoshiro128(seedState(childSeed(seed, EXCHANGE_STREAM)));
  const backend = options.backend ?? pool.backend;
  const runId = `${seed}:${Date.now()}:${Math.random()}`;

  // initial replicas, made here (cheap) so that every round is a pure function of checkpoints
  const checkpoints: Uint8Array[] = [];
  for (let r = 0; r < R; r++) {
    const sim = await createSimulation({ ...options, temperature: temperatures[r], seed: childSeed(seed, r), backend: 'js' });
    checkpoints.push(sim.checkpoint());
    sim.dispose();
  }
  const at = Array.from({ length: R }, (_, r) => r); // temperature index of replica r
  const who = Array.from({ length: R }, (_, i) => i); // replica at temperature index i
  const series = temperatures.map(() => createRecords(definition.recordType, W * rounds * k));
  const flips = temperatures.map(() => 0);
  const work = temperatures.map(() => 0);
  const energy = new Float64Array(R);
  const attempts = new Array<number>(R - 1).fill(0);
  const accepted = new Array<number>(R - 1).fill(0);
  const trips = new Array<number>(R).fill(0);
  const tripState = new Array<0 | 1 | 2>(R).fill(0); // 0 not yet at T_1, 1 left T_1, 2 reached T_R since
  const tripStart = new Array<number>(R).fill(0);
  const tripRounds: number[] = [];
  const groups = Array.from({ length: Math.min(pool.size, R) }, (_, g) => at.filter((r) => r % Math.min(pool.size, R) === g));
  const restartsBefore = pool.restarts;
  let coreBackend: BackendName = 'js';
  let roundsDone = 0;
  const t0 = Date.now();
  let lastReport = 0;
  const totalRounds = thermalizeRounds + rounds;
  const report = (t: number, force = false) => {
    const now = Date.now();
    if (!control.onProgress || (!force && now - lastReport < (control.progressEveryMs ?? 100))) return;
    lastReport = now;
    const elapsedMs = now - t0;
    const progress: PoolProgress = {
      tasksDone: t,
      tasksTotal: totalRounds,
      sweepsDone: t * k * R,
      sweepsTotal: totalRounds * k * R,
      elapsedMs,
      etaMs: t > 0 ? ((totalRounds - t) * elapsedMs) / t : NaN,
      paused: false,
    };
    control.onProgress(progress);
  };

  let aborted = false;
  for (let t = 0; t < totalRounds; t++) {
    await pool.unpaused(control.signal);
    if (control.signal?.aborted) {
      aborted = true;
      break;
    }
    const results = await Promise.all(
      groups.map((group) =>
        pool.withWorker((connection) =>
          connection.call(
            'temperingRound',
            (remote) =>
              remote.temperingRound({
                runId,
                sweeps: k,
                backend,
                replicas: group.map((r) => ({ replica: r, temperature: temperatures[at[r]], checkpoint: checkpoints[r] })),
              }) as Promise<TemperingTaskResult>,
          ),
        ),
      ),
    );
    const measured = t >= thermalizeRounds;
    for (const { replicas } of results) {
      for (const { replica, checkpoint, records, flips: f, work: w, backend: b } of replicas) {
        checkpoints[replica] = checkpoint;
        coreBackend = b;
        energy[replica] = definition.energy(records, W * (k - 1), normalized.field);
        if (measured) {
          series[at[replica]].set(records, W * (t - thermalizeRounds) * k);
          flips[at[replica]] += f;
          work[at[replica]] += w;
        }
      }
    }
    for (let i = t % 2; i + 1 < R; i += 2) {
      const a = who[i];
      const b = who[i + 1];
      const delta = (beta[i] - beta[i + 1]) * (energy[a] - energy[b]);
      const u = master.next();
      const accept = u < threshold(delta >= 0 ? 1 : Math.exp(delta));
      if (measured) attempts[i]++;
      if (accept) {
        who[i] = b;
        who[i + 1] = a;
        at[a] = i + 1;
        at[b] = i;
        if (measured) accepted[i]++;
      }
    }
    if (measured) {
      for (let r = 0; r < R; r++) {
        if (at[r] === 0) {
          if (tripState[r] === 2) {
            trips[r]++;
            tripRounds.push(t - tripStart[r]);
          }
          if (tripState[r] !== 1) {
            tripState[r] = 1;
            tripStart[r] = t;
          }
        } else if (at[r] === R - 1 && tripState[r] === 1) {
          tripState[r] = 2;
        }
      }
      roundsDone++;
    }
    report(t + 1);
  }
  report(thermalizeRounds + roundsDone, true);

  const recorded = roundsDone * k;
  const measurements =
    recorded < 2
      ? []
      : temperatures.map((temperature, i) =>
          definition.analyze(
            series[i].subarray(0, W * recorded),
            {
              ...normalized,
              temperature,
              beta: beta[i],
              seed,
              backend: coreBackend,
              sites: N,
              thermalize: thermalizeRounds * k,
              sweeps: recorded,
              sweepEquivalents: work[i],
              acceptance: flips[i] / (recorded * N),
              keepSeries: false,
            },
            parameters,
          ),
        );
  const totalTrips = trips.reduce((a, b) => a + b, 0);
  return {
    state: aborted ? 'aborted' : 'completed',
    temperatures,
    measurements,
    swaps: attempts.map((n, i) => ({
      temperatures: [temperatures[i], temperatures[i + 1]],
      attempts: n,
      accepted: accepted[i],
      acceptance: n > 0 ? accepted[i] / n : NaN,
    })),
    roundTrips: {
      perReplica: trips,
      total: totalTrips,
      meanSweeps: tripRounds.length > 0 ? (k * tripRounds.reduce((a, b) => a + b, 0)) / tripRounds.length : NaN,
    },
    sweepsPerRound: k,
    thermalizeRounds,
    roundsDone,
    restarts: pool.restarts - restartsBefore,
  };
}
