import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addAcceptors } from './acceptors.js';
import { listen } from './http.js';

/** Blocks the event loop, as a busy server's long turn does. */
const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
const get = (port: number) =>
  new Promise<number>((resolve) => request({ port, host: '127.0.0.1', agent: false }, (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0))).on('error', () => resolve(0)).end());
const refused = (port: number) =>
  new Promise<boolean>((resolve) => connect(port, '127.0.0.1').on('connect', function (this: Socket) { this.destroy(); resolve(false); }).on('error', () => resolve(true)));
const closed = (server: Server) => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));

describe('extra accept handles', () => {
  const servers: Server[] = [];
  const serve = () => {
    const server = createServer((_, res) => res.end('ok'));
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).filter((s) => s.listening).map(closed));
  });

  it('take in several waiting connections per loop turn, with the server\'s socket options, and every connection is served', async () => {
    const server = serve();
    const sockets: Socket[] = [];
    server.on('connection', (socket) => sockets.push(socket));
    const port = await listen(server, 0, '127.0.0.1', 8);
    const clients = Array.from({ length: 20 }, () => connect(port, '127.0.0.1'));
    // The kernel completes every handshake meanwhile; the server's loop does not turn.
    busy(200);
    // This turn's check phase comes first; the next turn's, right after that turn's poll phase (its accepts).
    const firstTurn = await new Promise<number>((resolve) => setImmediate(() => setImmediate(() => resolve(sockets.length))));
    clients.forEach((c) => c.destroy());
    // The socket's own handle takes one per turn on libuv ≥ 1.45 (all of them on older ones); each extra handle one more.
    expect(firstTurn).toBeGreaterThanOrEqual(9);
    // http.Server's own sockets allow half-open connections; so must those an extra handle took in.
    expect(sockets.every((s) => s.allowHalfOpen)).toBe(true);
    expect((await Promise.all(Array.from({ length: 20 }, () => get(port)))).every((status) => status === 200)).toBe(true);
  });

  it('stop accepting when the server is told to close, while a connection is still open', async () => {
    const server = serve();
    const port = await listen(server, 0, '127.0.0.1', 4);
    const open = connect(port, '127.0.0.1');
    await new Promise((resolve) => open.on('connect', resolve));
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await refused(port)).toBe(true);
    open.destroy();
    server.closeAllConnections();
    await done;
  });

  it('leave the server serving with its one handle when the handles cannot be made', async () => {
    const server = serve();
    const port = await listen(server, 0, '127.0.0.1');
    const lines: string[] = [];
    // No time at all for the round trips: none comes back.
    expect(await addAcceptors(server, 4, (line) => lines.push(line), 0)).toEqual([]);
    expect(lines.join('\n')).toMatch(/none added/);
    expect(await get(port)).toBe(200);
    await closed(server);
    expect(await refused(port)).toBe(true);
  });
});
