/** The cluster suite's options from the command line, with the native reference and the load average (Node runners). */
import os from 'node:os';
import type { ClusterSuiteOptions } from './clusters.js';
import { nativeClusters } from './native/native.js';
import { flag } from './node-args.js';

const list = (name: string, fallback: string) => flag(name, fallback).split(',').filter((x) => x.trim() !== '' && x !== 'none').map(Number);

export function clusterSuiteOptions(): ClusterSuiteOptions {
  return {
    sizes: list('cluster-sizes', '1024'),
    decorrelationSizes: list('decorrelation-sizes', '64,128'),
    warmupFlips: Number(flag('warmup-flips', '200')),
    batchSweeps: Number(flag('batch-sweeps', '10')),
    batches: Number(flag('batches', '8')),
    native: nativeClusters(),
    loadAverage: () => os.loadavg()[0],
    log: (line) => console.log(line),
  };
}
