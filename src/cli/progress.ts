/** A progress bar for sweeps on stderr: redrawn in place on a terminal, one line per point otherwise. */
import type { SweepProgress } from '../sweep.js';

/** Formats milliseconds as m:ss (or h:mm:ss). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** One line of progress: bar, points done, percentage, current point, elapsed time and ETA. */
export function progressLine(p: SweepProgress, width = 24): string {
  const filled = Math.round(p.fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return (
    `${bar} ${p.pointsDone}/${p.pointsTotal} points ${String(Math.floor(p.fraction * 100)).padStart(3)}%  L=${p.size} ` +
    `T=${p.temperature.toFixed(4)}  elapsed ${formatDuration(p.elapsedMs)}  ETA ${formatDuration(p.etaMs)}`
  );
}

export interface ProgressBar {
  update(progress: SweepProgress): void;
  /** Clears the bar (terminal) so that the next output starts on a clean line. */
  done(): void;
}

/**
 * On a terminal (`tty`) the bar is redrawn in place at most every 100 ms; otherwise a line is
 * written whenever a point finishes.
 */
export function createProgressBar(write: (text: string) => void, tty: boolean): ProgressBar {
  let last = 0;
  let lastPoints = -1;
  let shown = 0;
  return {
    update(p) {
      if (tty) {
        const now = Date.now();
        if (now - last < 100 && p.pointsDone === lastPoints) return;
        last = now;
        lastPoints = p.pointsDone;
        const line = progressLine(p);
        write(`\r${line.padEnd(shown)}`);
        shown = line.length;
      } else if (p.pointsDone !== lastPoints) {
        lastPoints = p.pointsDone;
        write(`${progressLine(p)}\n`);
      }
    },
    done() {
      if (tty && shown > 0) write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
    },
  };
}
