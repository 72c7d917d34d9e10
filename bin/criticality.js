#!/usr/bin/env node
// The criticality CLI. Runs the built package (npm run build, done by npm ci / npm install).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
