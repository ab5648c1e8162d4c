import { fork } from 'node:child_process';
import { Server as NetServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Extra accept handles on a listening socket, so that a burst of new connections is taken in while the
 * server is busy.
 *
 * Why: libuv 1.45+ (Node 20.3+) accepts ONE connection per listening handle per event-loop turn
 * (libuv PR #3696, "don't accept() connections in a loop"). Under load a turn lasts 100–300 ms, so when
 * 200 clients connect at once to a busy server most of them wait in the kernel's accept queue — their
 * requests already delivered — for seconds (up to 15 s in `npm run test:load`; docs/limits.md). Each
 * extra handle, a duplicate descriptor of the same socket, accepts one more per turn.
 *
 * How: Node 20 has neither `dup()` nor `reusePort`, but passing a handle over IPC duplicates its
 * descriptor (SCM_RIGHTS). So the socket is sent to a short-lived child (dup-listener.cjs) and back,
 * once per handle; the child never accepts (it holds a raw handle, not a server) and exits at once.
 * Connections an extra handle accepts are handed to the server ('connection', as http.Server's docs
 * allow), with the server's own socket options. They stop accepting as soon as the server closes.
 * Nothing here can stop the server from serving: on any failure it keeps its one handle (`log`).
 */
export async function addAcceptors(server: Server, count: number, log: (line: string) => void = console.warn, timeoutMs = 5_000): Promise<NetServer[]> {
  if (count <= 0) return [];
  // The listening TCP handle itself (the same internal the cluster module passes around).
  const handle = (server as unknown as { _handle?: object })._handle;
  if (!handle) throw new Error('addAcceptors: the server is not listening');
  let copies: object[];
  try {
    copies = await duplicates(handle, count, timeoutMs);
  } catch (error) {
    log(`accept handles: none added, the server accepts one connection per loop turn (${(error as Error).message})`);
    return [];
  }
  // The options the server gives the sockets it accepts (http.Server: no Nagle delay, half-open allowed).
  const options = server as unknown as { allowHalfOpen?: boolean; noDelay?: boolean; keepAlive?: boolean; keepAliveInitialDelay?: number; highWaterMark?: number };
  const extras = copies.map((copy) => {
    const extra = new NetServer({
      allowHalfOpen: options.allowHalfOpen,
      noDelay: options.noDelay,
      keepAlive: options.keepAlive,
      // Kept by net.Server in seconds, given in milliseconds.
      keepAliveInitialDelay: (options.keepAliveInitialDelay ?? 0) * 1000,
      highWaterMark: options.highWaterMark,
    });
    extra.on('connection', (socket) => server.emit('connection', socket));
    // An accept error (EMFILE …) is the server's own handle's too: reported once there, not a crash here.
    extra.on('error', () => {});
    extra.listen(copy as never);
    return extra;
  });
  // The extra handles stop accepting when the server is told to close, not when its last connection ends.
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const extra of extras) if (extra.listening) extra.close();
    return close(callback);
  };
  return extras;
}

/** `count` duplicate descriptors of `handle`, each from a round trip through a short-lived child. */
async function duplicates(handle: object, count: number, timeoutMs: number): Promise<object[]> {
  const got: object[] = [];
  const child = fork(fileURLToPath(new URL('./dup-listener.cjs', import.meta.url)), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<object[]>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${got.length} of ${count} handles came back in ${timeoutMs} ms`)), timeoutMs);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`the helper exited (${code}) after ${got.length} of ${count} handles`)));
      child.on('message', (message, copy) => {
        if (message !== 'dup' || !copy) return;
        got.push(copy);
        if (got.length === count) resolve(got);
      });
      for (let i = 0; i < count; i++) child.send('dup', handle as never);
    });
  } catch (error) {
    // A copy left open would keep the port listening after the server closes.
    for (const copy of got) (copy as { close?: () => void }).close?.();
    throw error;
  } finally {
    clearTimeout(timer);
    child.removeAllListeners('exit');
    child.removeAllListeners('message');
    // A copy that comes back late is closed at once.
    child.on('message', (_, copy) => (copy as { close?: () => void } | undefined)?.close?.());
    const gone = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.disconnect();
    child.kill();
    // Until it has exited, the child's own copies keep the socket listening.
    await gone;
  }
}
