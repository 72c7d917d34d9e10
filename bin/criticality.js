#!/usr/bin/env node
// The criticality CLI. Runs the built package (npm run build, done by npm ci / npm install).
import { main } from '../dist/cli/main.js';

// Ctrl-C (or SIGTERM) stops a sweep between slices of work and prints the points finished so far, and
// drains a queue worker (its running points go back to the queue with a checkpoint); a second one quits at once.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort();
  });
}
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  signal: controller.signal,
});
process.exitCode = code;
