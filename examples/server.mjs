// A small HTTP service around the fetch handler: `node examples/server.mjs [port]`, then
//   curl -s localhost:8787 -H 'content-type: application/json' -d '{"job":"run","options":{"size":16},"sweeps":10000}'
import { createServer } from 'node:http';
import { handle } from 'criticality/serverless';

const port = Number(process.argv[2] ?? 8787);
createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  const response = await handle(new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: req.method, headers: req.headers, body }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).listen(port, '127.0.0.1', () => console.log(`criticality service on http://127.0.0.1:${port}`));
