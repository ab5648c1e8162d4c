import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from './http.js';

/** Blocks the event loop, as a busy server's long turn does. */
const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

/**
 * How many of `n` connections, all waiting in the accept queue, the server takes in on the next loop
 * turn (counted when that turn's poll phase is over), and then whether every one is served.
 */
async function burst(acceptHandles: number, n: number): Promise<{ firstTurn: number; served: number; server: Server }> {
  let accepted = 0;
  const server = createServer((_, res) => res.end('ok'));
  server.on('connection', () => (accepted += 1));
  const port = await listen(server, 0, '127.0.0.1', acceptHandles);
  const sockets: Socket[] = Array.from({ length: n }, () => connect(port, '127.0.0.1'));
  // The kernel completes every handshake meanwhile; the server's loop does not turn.
  busy(200);
  // This turn's check phase comes first; the next turn's, right after that turn's poll phase (its accepts).
  const firstTurn = await new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(accepted))));
  sockets.forEach((s) => s.destroy());
  const served = (
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<number>((resolve) => request({ port, host: '127.0.0.1', agent: false }, (res) => res.resume().on('end', () => resolve(res.statusCode === 200 ? 1 : 0))).on('error', () => resolve(0)).end()),
      ),
    )
  ).reduce((a, b) => a + b, 0);
  return { firstTurn, served, server };
}

describe('extra accept handles', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise<void>((resolve) => (server!.closeAllConnections(), server!.close(() => resolve())));
    server = undefined;
  });

  it('take in several waiting connections per loop turn, and every connection is served', async () => {
    const result = await burst(8, 20);
    server = result.server;
    // The socket's own handle takes one per turn on libuv ≥ 1.45 (all of them on older ones); each extra handle one more.
    expect(result.firstTurn).toBeGreaterThanOrEqual(9);
    expect(result.served).toBe(20);
  });

  it('close with the server: nothing is accepted after close, and close completes', async () => {
    const result = await burst(4, 4);
    server = undefined;
    const port = (result.server.address() as { port: number }).port;
    await new Promise<void>((resolve) => (result.server.closeAllConnections(), result.server.close(() => resolve())));
    const refused = await new Promise<boolean>((resolve) => connect(port, '127.0.0.1').on('connect', function (this: Socket) { this.destroy(); resolve(false); }).on('error', () => resolve(true)));
    expect(refused).toBe(true);
  });
});
