/** `criticality hysteresis`: a heating then cooling ramp (src/hysteresis.ts), as a table, JSON or CSV. */
import { hysteresis, type HysteresisResult } from '../hysteresis.js';
import { InvalidOptionError } from '../errors.js';
import { SIMULATION_FLAGS, choiceFlag, modelCriticalTemperature, numberFlag, parseFlags, simulationOptionsFromFlags, type FlagSpec } from './args.js';
import { FORMATS, formatWithError, latticeLabel, modelLabel } from './format.js';
import type { Io } from './io.js';
import { parseTemperatures } from './sweep.js';

export const HYSTERESIS_FLAGS: FlagSpec = {
  ...Object.fromEntries(Object.entries(SIMULATION_FLAGS).filter(([flag]) => !['temperature', 'beta', 'start', 'workers'].includes(flag))),
  temperatures: { type: 'string' },
  sweeps: { type: 'string' },
  thermalize: { type: 'string' },
  repeats: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const HYSTERESIS_USAGE = `criticality hysteresis flags (defaults in brackets):
  --model ising|potts, --q Q, --size L, --field h, --algorithm A, --seed S, --backend B, --layout
                                     the simulation, as for run (it starts cold at the lowest temperature)
  --temperatures FROM:TO:STEP | T1,T2,...
                                     the ramp, increasing ("tc" = the model's Tc): heated through, then cooled back
  --sweeps N                         steps at each temperature (the ramp rate) [100]
  --thermalize M                     steps at the lowest temperature before the ramp [0]
  --repeats R                        independent ramps averaged, with standard errors [1]
  --format table|json|csv            output format [table]
`;

function toTable(r: HysteresisResult): string {
  const title =
    `Hysteresis: ${modelLabel(r)} ${latticeLabel(r)}  h=${r.field}  ${r.algorithm} on ${r.backend}  seed=${r.seed}  ` +
    `${r.sweeps} steps per temperature, ${r.repeats} ramp(s), heating then cooling`;
  const header = ['T', 'e heating', 'e cooling', 'm heating', 'm cooling'];
  const rows = r.temperatures.map((t, k) => [
    t.toFixed(4),
    formatWithError(r.heating.energy[k].mean, r.heating.energy[k].error),
    formatWithError(r.cooling.energy[k].mean, r.cooling.energy[k].error),
    formatWithError(r.heating.orderParameter[k].mean, r.heating.orderParameter[k].error),
    formatWithError(r.cooling.orderParameter[k].mean, r.cooling.orderParameter[k].error),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const area = r.loopArea;
  return `${[
    title,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `loop area of e(T): ${formatWithError(area.energy.mean, area.energy.error)}   loop area of m(T): ` +
      `${formatWithError(area.orderParameter.mean, area.orderParameter.error)}`,
  ].join('\n')}\n`;
}

function toCsv(r: HysteresisResult): string {
  const rows = r.temperatures.map((t, k) =>
    [
      t,
      r.heating.energy[k].mean,
      r.heating.energy[k].error,
      r.cooling.energy[k].mean,
      r.cooling.energy[k].error,
      r.heating.orderParameter[k].mean,
      r.heating.orderParameter[k].error,
      r.cooling.orderParameter[k].mean,
      r.cooling.orderParameter[k].error,
    ].join(','),
  );
  const header = 'temperature,energy_heating,energy_heating_error,energy_cooling,energy_cooling_error,' + 'm_heating,m_heating_error,m_cooling,m_cooling_error';
  return `${[header, ...rows].join('\n')}\n`;
}

/** `criticality hysteresis [flags]`. */
export async function hysteresisCommand(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, HYSTERESIS_FLAGS);
  if (flags.help) {
    io.stdout(HYSTERESIS_USAGE);
    return 0;
  }
  const format = choiceFlag('format', flags.format, FORMATS) ?? 'table';
  if (typeof flags.temperatures !== 'string')
    throw new InvalidOptionError('--temperatures', flags.temperatures, 'the ramp, FROM:TO:STEP or T1,T2,... (increasing)');
  const { temperature: _t, beta: _b, start: _s, workers: _w, ...simulation } = simulationOptionsFromFlags(flags);
  const temperatures = parseTemperatures(flags.temperatures, () => modelCriticalTemperature(simulation.model, simulation.q));
  const result = await hysteresis({
    ...Object.fromEntries(Object.entries(simulation).filter(([, v]) => v !== undefined)),
    temperatures,
    sweeps: numberFlag('sweeps', flags.sweeps, 'an integer number of steps'),
    thermalize: numberFlag('thermalize', flags.thermalize, 'an integer number of steps'),
    repeats: numberFlag('repeats', flags.repeats, 'an integer >= 1'),
  });
  if (format === 'json') io.stdout(`${JSON.stringify(result)}\n`);
  else if (format === 'csv') io.stdout(toCsv(result));
  else io.stdout(toTable(result));
  return 0;
}
