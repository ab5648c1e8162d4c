import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rate-limit.js';
import { CuratorFileError, CuratorStore, createToken } from './tokens.js';

const tempFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tokens-')), 'curators');

describe('curator tokens', () => {
  it('stores only a salted hash and verifies the token it printed', () => {
    const file = tempFile();
    const { token } = createToken(file, '王芳', 'curator');
    const again = createToken(file, '王芳', 'curator').token;
    const text = readFileSync(file, 'utf8');
    // gzk_<12 hex id>_<secret>; the secret is base64url, so it may itself hold '_'.
    const secret = token.slice('gzk_'.length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(text).not.toContain(secret);
    expect(statSync(file).mode & 0o077).toBe(0);
    const store = CuratorStore.fromFile(file);
    expect(store.verify(token)).toMatchObject({ name: '王芳', role: 'curator' });
    expect(store.verify(again)).toMatchObject({ name: '王芳' });
    // Same id, other secret; unknown id; not a token at all.
    expect(store.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(store.verify(`gzk_${'f'.repeat(12)}_${secret}`)).toBeNull();
    expect(store.verify('hunter2')).toBeNull();
  });

  it('reads a missing file as no curators and refuses a malformed line with its line number', () => {
    expect(CuratorStore.fromFile(path.join(tmpdir(), 'no-such-curators-file')).size).toBe(0);
    expect(() => CuratorStore.parse('# comment\nalice\tcurator\tnot-an-id\n')).toThrow(CuratorFileError);
    expect(() => CuratorStore.parse('# comment\nalice\tcurator\tnot-an-id\n')).toThrow(/:2:/);
  });
});

describe('failure limiter', () => {
  it('blocks a client after the limit within the window, and only that client, until the window passes', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 1000, () => now);
    limiter.fail('a');
    expect(limiter.blocked('a')).toBe(false);
    limiter.fail('a');
    expect(limiter.blocked('a')).toBe(true);
    expect(limiter.blocked('b')).toBe(false);
    now = 1001;
    expect(limiter.blocked('a')).toBe(false);
  });
});
