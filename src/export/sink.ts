import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/**
 * Where an export writes text: a file or an HTTP response. `write` waits for 'drain' when the
 * stream's buffer is full (backpressure), so a slow disk or client never makes the export buffer
 * the whole graph in memory.
 */
export interface TextSink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function streamSink(stream: Writable): TextSink {
  return {
    write(text) {
      if (stream.destroyed) return Promise.reject(new Error('the output was closed'));
      if (stream.write(text)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = (error?: Error) => {
          stream.off('drain', onDrain);
          stream.off('close', onClose);
          stream.off('error', done);
          if (error) reject(error);
          else resolve();
        };
        const onDrain = () => done();
        const onClose = () => done(new Error('the output was closed'));
        stream.once('drain', onDrain);
        stream.once('close', onClose);
        stream.once('error', done);
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
    },
  };
}

export interface FileSummary {
  file: string;
  bytes: number;
  sha256: string;
}

/** A file sink that also counts bytes and hashes them, for the manifest. */
export class FileSink implements TextSink {
  private readonly stream: WriteStream;
  private readonly inner: TextSink;
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(readonly path: string, readonly name: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.inner = streamSink(this.stream);
  }

  write(text: string): Promise<void> {
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.length;
    return this.inner.write(text);
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  summary(): FileSummary {
    return { file: this.name, bytes: this.bytes, sha256: this.hash.copy().digest('hex') };
  }
}
