import { createRequire } from 'node:module';

/**
 * Large Bolt messages decoded from one contiguous buffer.
 *
 * neo4j-driver (6.3, and every version since 1.x) keeps a message that arrived in several pieces (Bolt
 * chunks, TCP reads) as a CombinedBuffer, which reads every byte through a walk over the pieces and
 * decodes strings byte by byte. The API's answers are mostly one record holding collected lists
 * (a chain's 93 steps with their producers: 217 KB at 1M firms), so nearly all their bytes were read
 * that way: the same statement returned as 93 records took 10 ms less (measured: 35 → 25 ms, the
 * database's own time 19–21 ms either way). Here the pieces are joined into one buffer (one copy)
 * before the message is decoded, so the driver reads it as it reads a one-piece message.
 *
 * It changes the driver's Dechunker, an internal class, so it checks the shape it relies on first and
 * does nothing when that is not there (a driver upgrade that changed it): `boltMessages.joining` says
 * which, and test/bolt-messages.int.test.ts fails when it is off, so an upgrade is looked at, not
 * silently slower. Upstream: neo4j/neo4j-javascript-driver issue #1223 ("4 times slower than C#").
 */
interface Piece {
  _buffer?: unknown;
}
interface DechunkerPrototype {
  _onHeader(this: { _currentMessage: Piece[] }, header: number): unknown;
}

export const boltMessages = {
  /** Whether multi-piece messages are joined (the driver has the shape this relies on). */
  joining: false,
  /** Messages joined since start, and their pieces: the test reads them. */
  joined: 0,
  pieces: 0,
};

/** Installs the joining once per process (every driver shares the driver's module); idempotent. */
export function joinBoltMessages(): void {
  if (boltMessages.joining) return;
  let dechunker: DechunkerPrototype | undefined;
  let ChannelBuffer: (new (buffer: Buffer) => Piece) | undefined;
  try {
    // The driver's own copy of its Bolt package (it pins the version), not whatever a hoisted path holds.
    const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
    dechunker = fromDriver('neo4j-driver-bolt-connection/lib/channel/chunking.js').Dechunker?.prototype;
    ChannelBuffer = fromDriver('neo4j-driver-bolt-connection/lib/channel/channel-buf.js').default;
  } catch {
    return;
  }
  if (typeof dechunker?._onHeader !== 'function' || typeof ChannelBuffer !== 'function') return;
  const onHeader = dechunker._onHeader;
  const Contiguous = ChannelBuffer;
  dechunker._onHeader = function (header) {
    // Header 0 ends a message; the pieces are whole-buffer views (readSlice), each its own Node Buffer.
    const pieces = this._currentMessage;
    if (header === 0 && pieces.length > 1 && pieces.every((p) => Buffer.isBuffer(p._buffer))) {
      boltMessages.joined += 1;
      boltMessages.pieces += pieces.length;
      this._currentMessage = [new Contiguous(Buffer.concat(pieces.map((p) => p._buffer as Buffer)))];
    }
    return onHeader.call(this, header);
  };
  boltMessages.joining = true;
}
