#!/usr/bin/env node
// The criticality CLI. Runs the built package (npm run build, done by npm ci / npm install).
import { main } from '../dist/cli/main.js';

// Ctrl-C stops a sweep between slices of work and prints the points finished so far; a second Ctrl-C quits at once.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  signal: controller.signal,
});
process.exitCode = code;
