// One "serverless invocation" of examples/fan-out.ts: one JSON request from stdin through the
// fetch handler; prints the HTTP status on the first line and the response body after it.
// Plain JavaScript, so that a child starts in milliseconds with plain `node`.
import { handle } from 'criticality/serverless';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const response = await handle(new Request('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));
process.stdout.write(`${response.status}\n${await response.text()}`);
