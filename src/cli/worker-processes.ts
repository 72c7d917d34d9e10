/**
 * Worker processes on this host: `criticality worker` children, one point each, for
 * `criticality worker --concurrency N` and `criticality sweep --redis URL --local-workers N`.
 * Their log lines come back prefixed; stop() drains them with SIGTERM and kills what is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The command-line entry point (bin/criticality.js, which runs the built package). */
const BIN = fileURLToPath(new URL('../../bin/criticality.js', import.meta.url));

export interface WorkerProcesses {
  readonly pids: number[];
  /** Processes that have not ended. */
  readonly alive: number;
  /**
   * SIGTERM to every process (each drains: running points go back to the queue with a checkpoint);
   * SIGKILL after `graceMs`. Resolves with the exit codes (null for a process ended by a signal).
   */
  stop(graceMs?: number): Promise<(number | null)[]>;
}

/** Waits for `child` to exit, at most `ms`; true when it did. */
export function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** How a process ended on its own (not through stop()). */
export type ProcessExit = { index: number; code: number | null; signal: NodeJS.Signals | null };

/**
 * Starts `count` processes running `criticality worker <args>`; `onLine(k, line)` gets their
 * stderr lines, `onExit` hears of each one that ends before stop().
 */
export function spawnWorkerProcesses(
  count: number,
  args: string[],
  onLine: (index: number, line: string) => void,
  onExit: (exit: ProcessExit) => void,
): WorkerProcesses {
  let stopping = false;
  let alive = count;
  const children = Array.from({ length: count }, (_, index) => {
    const child = spawn(process.execPath, [BIN, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let rest = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(index, line);
    });
    child.stderr!.on('end', () => rest && onLine(index, rest));
    return child;
  });
  children.forEach((child, index) => {
    let reported = false;
    const end = (code: number | null, signal: NodeJS.Signals | null) => {
      if (reported) return;
      reported = true;
      alive--;
      if (!stopping) onExit({ index, code, signal });
    };
    child.once('exit', end);
    child.once('error', () => end(null, null));
  });
  return {
    pids: children.map((child) => child.pid ?? -1),
    get alive() {
      return alive;
    },
    async stop(graceMs = 60_000) {
      stopping = true;
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return Promise.all(
        children.map(async (child) => {
          if (!(await exited(child, graceMs))) {
            child.kill('SIGKILL');
            await exited(child, 5000);
          }
          return child.exitCode;
        }),
      );
    },
  };
}
