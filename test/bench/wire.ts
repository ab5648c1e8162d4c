import net from 'node:net';

/**
 * A TCP proxy in front of a Bolt server that counts the bytes the server sends back: what a question
 * costs on the wire (records, their maps, the protocol's own messages), measured the same way for the
 * API and for its floor. Only the benchmark's byte pass goes through it (the timings do not).
 */
export interface CountingProxy {
  /** bolt://127.0.0.1:<port>: connect a driver here (direct, never routed: a routing table would name the server itself). */
  uri: string;
  /** Bytes the server has sent through the proxy so far (read before and after a question: the difference is its cost). */
  bytes(): number;
  close(): Promise<void>;
}

export async function countingProxy(target: string): Promise<CountingProxy> {
  const url = new URL(target.replace(/^[a-z+]+:\/\//, 'bolt://'));
  const host = url.hostname || 'localhost';
  const port = Number(url.port || 7687);
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host, port });
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    }
    upstream.on('data', (chunk: Buffer) => (received += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    uri: `bolt://127.0.0.1:${address.port}`,
    bytes: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
