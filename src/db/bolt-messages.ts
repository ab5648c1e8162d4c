import { createRequire } from 'node:module';

/**
 * Large Bolt messages decoded from one contiguous buffer.
 *
 * neo4j-driver (6.3, and every version since 1.x) keeps a message that arrived in several pieces (Bolt
 * chunks, TCP reads) as a CombinedBuffer, which reads every byte through a walk over the pieces and
 * decodes strings byte by byte. The API's answers are mostly one record holding collected lists
 * (a chain's 93 steps with their producers: 217 KB at 1M firms), so nearly all their bytes were read
 * that way. Measured on that chain: 35 ms as one record, 24–28 ms as 93 records, 25 ms joined (the
 * database's own time 19–21 ms in each). Here the pieces are joined into one buffer (one copy) before
 * the message is decoded, so the driver reads it as it reads a one-piece message.
 *
 * It changes the driver's Dechunker, an internal class, so it checks the shape it relies on: the
 * class and method at start (absent: nothing is changed, `boltMessages.joining` stays false), and the
 * pieces of every message (when they are not whole views of buffers of their own, unread, the message
 * is left to the driver as it is).
 * test/bolt-messages.int.test.ts fails when joining is off or joins nothing, so an upgrade that
 * changed the driver is looked at, not silently slower. A related upstream report:
 * neo4j/neo4j-javascript-driver issue #1223 (results of collected lists 4× slower than with the C# driver).
 */
interface Piece {
  _buffer?: unknown;
  position?: unknown;
  length?: unknown;
}
interface DechunkerPrototype {
  _onHeader(this: { _currentMessage?: unknown }, header: number): unknown;
  [JOINED]?: true;
}
/** Marks the driver's prototype once joined: two copies of this module in one process (test loaders) join once. */
const JOINED = Symbol.for('guizhou-industry-graph.joinBoltMessages');

/**
 * Whether the pieces are what this relies on: a list of the driver's buffers, each a whole view of a
 * Node Buffer of its own, nothing read yet (readSlice's pieces). Anything else (a driver that changed)
 * is left to the driver as it is.
 */
const joinable = (pieces: unknown): pieces is (Piece & { _buffer: Buffer })[] =>
  Array.isArray(pieces) &&
  pieces.length > 1 &&
  pieces.every((p: Piece) => Buffer.isBuffer(p?._buffer) && p.position === 0 && p.length === (p._buffer as Buffer).length);

export const boltMessages = {
  /** Whether multi-piece messages are joined (the driver has the shape this relies on). */
  joining: false,
  /** Messages joined since start (the test reads it). */
  joined: 0,
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
  if (!dechunker[JOINED]) {
    const onHeader = dechunker._onHeader;
    const Contiguous = ChannelBuffer;
    dechunker._onHeader = function (header) {
      // Header 0 ends a message: its pieces become one buffer before the driver decodes it.
      const pieces = this._currentMessage;
      if (header === 0 && joinable(pieces)) {
        boltMessages.joined += 1;
        this._currentMessage = [new Contiguous(Buffer.concat(pieces.map((p) => p._buffer)))];
      }
      return onHeader.call(this, header);
    };
    dechunker[JOINED] = true;
  }
  boltMessages.joining = true;
}
