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
 * Connections an extra handle accepts are handed to the HTTP server ('connection', as its docs allow).
 */
export async function addAcceptors(server: Server, count: number, timeoutMs = 5_000): Promise<NetServer[]> {
  if (count <= 0) return [];
  // The listening TCP handle itself (the same internal the cluster module passes around).
  const handle = (server as unknown as { _handle?: object })._handle;
  if (!handle) throw new Error('addAcceptors: the server is not listening');
  const child = fork(fileURLToPath(new URL('./dup-listener.cjs', import.meta.url)), [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const copies = await new Promise<object[]>((resolve, reject) => {
      const got: object[] = [];
      const timer = setTimeout(() => reject(new Error(`addAcceptors: ${got.length} of ${count} handles came back in ${timeoutMs} ms`)), timeoutMs);
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`addAcceptors: the helper exited (${code}) after ${got.length} of ${count} handles`)));
      child.on('message', (message, copy) => {
        if (message !== 'dup' || !copy) return;
        got.push(copy);
        if (got.length === count) {
          clearTimeout(timer);
          resolve(got);
        }
      });
      for (let i = 0; i < count; i++) child.send('dup', handle as never);
    });
    const extras = copies.map((copy) => {
      const extra = new NetServer();
      extra.on('connection', (socket) => {
        // After server.close() the socket itself refuses new connections; its copies must too.
        if (!server.listening) {
          socket.destroy();
          extra.close();
          return;
        }
        server.emit('connection', socket);
      });
      extra.listen(copy as never);
      return extra;
    });
    // Closed with the server: as soon as it stops listening (above), and when it has closed.
    server.once('close', () => extras.forEach((e) => e.listening && e.close()));
    return extras;
  } finally {
    child.removeAllListeners('exit');
    child.disconnect();
    child.kill();
  }
}
