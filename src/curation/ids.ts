import { createHash } from 'node:crypto';
import { idPrefixOf, type ENTITY_KINDS } from '../seed/model.js';
import { pinyinOf } from '../text/normalize.js';

/**
 * Deterministic ids, so that every curation write is idempotent under retry: the same text is the same
 * document, the same extraction the same candidates, the same decision the same fact and audit entry.
 */

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** Seeded documents are doc:NNN; an ingested one is doc:<first 12 hex digits of its text's sha256>. */
export const documentIdOf = (sha256: string): string => `doc:${sha256.slice(0, 12)}`;

export const entityCandidateId = (sha256: string, kind: string, name: string): string => `cand:${sha256.slice(0, 12)}:e:${digest(kind, name).slice(0, 12)}`;

export const relationCandidateId = (sha256: string, r: { type: string; from: string; to: string; start: number; end: number }): string =>
  `cand:${sha256.slice(0, 12)}:r:${digest(r.type, r.from, r.to, String(r.start), String(r.end)).slice(0, 12)}`;

/** A contributed fact's key names its type and ends like a seeded one's, then the candidate it came from. */
export const contribFactKey = (type: string, from: string, to: string, candidateId: string): string => `${type}|${from}|${to}|contrib:${candidateId}`;

/** Type and ends from any fact key (seeded: TYPE|from|to|…, contributed: TYPE|from|to|contrib:…). */
export function parseFactKey(key: string): { type: string; from: string; to: string } | null {
  const [type, from, to] = key.split('|');
  return type && from && to ? { type, from, to } : null;
}

/** A readable id for a new entity: kind prefix and toneless pinyin (firm:xinnengcailiao); `-<hash>` when taken. */
export function newEntityIds(kind: (typeof ENTITY_KINDS)[number], name: string, candidateId: string): [string, string] {
  const slug =
    pinyinOf(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'x';
  const base = `${idPrefixOf(kind)}:${/^[a-z0-9]/.test(slug) ? slug : `x${slug}`}`;
  return [base, `${base}-${digest(candidateId).slice(0, 6)}`];
}

export const auditId = (action: string, target: string): string => `audit:${action}:${target}`;
