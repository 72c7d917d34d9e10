/** Where a CLI command writes, and how it is stopped: the process's streams in bin/, buffers in tests. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (the sweep progress bar is shown by default only then). */
  stderrIsTTY?: boolean;
  /** Aborts a running sweep (the bin wires it to Ctrl-C); finished points are still printed. */
  signal?: AbortSignal;
}
