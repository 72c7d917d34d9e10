// A private redis-server for a test: 127.0.0.1, a free port, no persistence; stopped by its pid.
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { exited } from '../../src/cli/worker-processes.js';

export { exited };

export interface TestRedis {
  url: string;
  port: number;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); idempotent. */
  stop(): Promise<void>;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether `PING` answers `+PONG` on the port. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** Starts redis-server (Debian's package: apt-get install -y redis-server) and waits until it answers, at most 10 s. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = new Promise<Error>((resolve) => child.once('error', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 5000))) {
      child.kill('SIGKILL');
      await exited(child, 5000);
    }
  };
  for (let i = 0; i < 100; i++) {
    const error = await Promise.race([failed, new Promise<undefined>((r) => setTimeout(r, 100, undefined))]);
    if (error) throw new Error(`cannot start redis-server (apt-get install -y redis-server): ${error.message}`);
    if (await pong(port)) return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, stop };
  }
  await stop();
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}
