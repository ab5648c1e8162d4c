import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Curator tokens. The file (gitignored, `CURATORS_FILE`) holds one line per token:
 *   name <TAB> role <TAB> tokenId <TAB> scrypt$N$r$p$salt$hash <TAB> createdAt
 * A token is `gzk_<tokenId>_<secret>`: the id picks the line, the secret is checked against the salted
 * scrypt hash in constant time. Only hashes are stored; a token is shown once, when it is made.
 */

export const ROLES = ['curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Curator {
  name: string;
  role: Role;
  tokenId: string;
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
const TOKEN_PATTERN = /^gzk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const CuratorName = z.string().trim().min(1).max(64).regex(/^[^\t\n\r]+$/, 'no tabs or line breaks');
const LineModel = z.tuple([
  CuratorName,
  z.enum(ROLES),
  z.string().regex(/^[0-9a-f]{12}$/),
  z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
  z.string(),
]);

interface StoredToken extends Curator {
  hash: string;
}

export class CuratorFileError extends Error {}

function hashSecret(secret: string, salt: Buffer, params: { N: number; r: number; p: number } = SCRYPT): Buffer {
  return scryptSync(secret, salt, SCRYPT.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 });
}

function encodeHash(secret: string): string {
  const salt = randomBytes(16);
  const hash = hashSecret(secret, salt);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function matchesHash(secret: string, encoded: string): boolean {
  const [, n, r, p, salt, hash] = encoded.split('$');
  const expected = Buffer.from(hash, 'base64url');
  const actual = hashSecret(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Checked when a token names no stored id, so a wrong id costs the same scrypt as a wrong secret.
const DECOY_HASH = encodeHash(randomBytes(32).toString('base64url'));

/** The curators the server knows, read once at start. */
export class CuratorStore {
  private constructor(private readonly tokens: Map<string, StoredToken>) {}

  static empty(): CuratorStore {
    return new CuratorStore(new Map());
  }

  /** Reads the token file; a missing file means no curators (every mutation is refused). */
  static fromFile(file: string): CuratorStore {
    if (!existsSync(file)) return CuratorStore.empty();
    return CuratorStore.parse(readFileSync(file, 'utf8'), file);
  }

  static parse(text: string, file = 'curators file'): CuratorStore {
    const tokens = new Map<string, StoredToken>();
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return;
      const parsed = LineModel.safeParse(line.split('\t'));
      if (!parsed.success) throw new CuratorFileError(`${file}:${i + 1}: not a token line (name, role, id, hash, date separated by tabs)`);
      const [name, role, tokenId, hash] = parsed.data;
      tokens.set(tokenId, { name, role, tokenId, hash });
    });
    return new CuratorStore(tokens);
  }

  get size(): number {
    return this.tokens.size;
  }

  /** The curator a bearer token belongs to, or null. Costs one scrypt whatever the token. */
  verify(token: string): Curator | null {
    const match = TOKEN_PATTERN.exec(token.trim());
    const stored = match ? this.tokens.get(match[1]) : undefined;
    const ok = matchesHash(match?.[2] ?? token, stored?.hash ?? DECOY_HASH);
    return ok && stored ? { name: stored.name, role: stored.role, tokenId: stored.tokenId } : null;
  }
}

/** Makes a new token, appends its hash to the file (created with mode 600) and returns the token itself. */
export function createToken(file: string, name: string, role: Role, now = new Date()): { token: string; curator: Curator } {
  const parsedName = CuratorName.parse(name);
  const tokenId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const line = [parsedName, role, tokenId, encodeHash(secret), now.toISOString()].join('\t') + '\n';
  if (!existsSync(file)) writeFileSync(file, '# Curator tokens (salted scrypt hashes). Delete a line to revoke its token.\n', { mode: 0o600 });
  else CuratorStore.fromFile(file); // refuse to append to a file we cannot read back
  appendFileSync(file, line, { mode: 0o600 });
  return { token: `gzk_${tokenId}_${secret}`, curator: { name: parsedName, role, tokenId } };
}
