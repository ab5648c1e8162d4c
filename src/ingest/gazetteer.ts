import { z } from 'zod';
import type { GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { hasCjk, toSimplified } from '../text/normalize.js';
import { AhoCorasick } from './aho-corasick.js';
import { addUserWords } from './segmenter.js';

/**
 * The extraction dictionary: every name, alias and primary key of every entity in the graph (seed and
 * contributed), folded to the analysis view's form, in an Aho–Corasick automaton and in jieba's user
 * dictionary. Built once per process and rebuilt when the graph's cheap fingerprint changes.
 */
const GazetteerRow = z.object({
  id: z.string(),
  kind: z.enum(ENTITY_KINDS),
  name: z.string(),
  nameEn: z.string().nullable(),
  aliases: z.array(z.string()),
  primaryKeys: z.array(z.string()),
  placeKind: z.string().nullable(),
});
const VersionRow = z.object({ entities: z.number(), keys: z.number().nullable(), aliases: z.number().nullable(), lastId: z.string().nullable() });

export interface KnownEntity {
  id: string;
  kind: (typeof ENTITY_KINDS)[number];
  name: string;
  placeKind: string | null;
}

export interface Gazetteer {
  version: string;
  entities: Map<string, KnownEntity>;
  matcher: AhoCorasick<string>;
  /** folded surface → ids, for names found by patterns (is this unknown-looking name known after all?) */
  byForm: Map<string, string[]>;
  /** id → the folded forms it is matched by */
  forms: Map<string, string[]>;
}

function assemble(version: string, entities: Map<string, KnownEntity>, forms: Map<string, string[]>): Gazetteer {
  const matcher = new AhoCorasick<string>();
  const byForm = new Map<string, string[]>();
  for (const [id, list] of forms) {
    for (const form of list) {
      matcher.add(form, id);
      const ids = byForm.get(form) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byForm.set(form, ids);
    }
  }
  matcher.build();
  return { version, entities, matcher, byForm, forms };
}

/**
 * The dictionary without some entities, as if the graph did not know them: the evaluation uses it to
 * measure a document whose own entities are held out (jieba keeps their words, which only affects
 * where words are cut).
 */
export function withoutEntities(g: Gazetteer, ids: ReadonlySet<string>): Gazetteer {
  const entities = new Map([...g.entities].filter(([id]) => !ids.has(id)));
  const forms = new Map([...g.forms].filter(([id]) => !ids.has(id)));
  return assemble(`${g.version}-${ids.size}`, entities, forms);
}

/** The form names and the view share: simplified, full-width ASCII folded, lower case. */
export function foldForm(text: string): string {
  return [...toSimplified(text.normalize('NFC'))]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
      return c;
    })
    .join('')
    .toLowerCase()
    .trim();
}

const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/** Whether a surface is worth matching in running text: two CJK characters, or a Latin word of three. */
function matchable(form: string): boolean {
  if (TONE_MARKS.test(form)) return false; // toned pinyin aliases are for search boxes, not prose
  if (hasCjk(form)) return [...form].length >= 1;
  return /[a-z]/.test(form) && form.replace(/[^a-z0-9]/g, '').length >= 3;
}

const JIEBA_TAG: Record<KnownEntity['kind'], string> = {
  Firm: 'nt',
  Organization: 'nt',
  Place: 'ns',
  Product: 'nz',
  Industry: 'nz',
  Policy: 'nz',
  Project: 'nz',
  IndustrialBase: 'nz',
};

async function graphVersion(db: GraphDb): Promise<string> {
  const [row] = await db.read(Q.ingestGraphVersion, {});
  const v = VersionRow.parse(row);
  return `${v.entities}:${v.keys ?? 0}:${v.aliases ?? 0}:${v.lastId ?? ''}`;
}

async function buildGazetteer(db: GraphDb, version: string): Promise<Gazetteer> {
  const rows = (await db.read(Q.ingestGazetteer, {})).map((r) => GazetteerRow.parse(r));
  const entities = new Map<string, KnownEntity>();
  const forms = new Map<string, string[]>();
  const words: { word: string; tag: string }[] = [];
  for (const row of rows) {
    entities.set(row.id, { id: row.id, kind: row.kind, name: row.name, placeKind: row.placeKind });
    const own = new Set<string>();
    for (const surface of [row.name, row.nameEn, ...row.aliases, ...row.primaryKeys]) {
      if (!surface) continue;
      const form = foldForm(surface);
      if (form && matchable(form)) own.add(form);
    }
    forms.set(row.id, [...own]);
    for (const form of own) if (/^[\u3400-\u9fff]+$/.test(form)) words.push({ word: form, tag: JIEBA_TAG[row.kind] });
  }
  addUserWords(words);
  return assemble(version, entities, forms);
}

let cached: Promise<Gazetteer> | null = null;

/** The dictionary for the graph as it is now: one cheap version read, a rebuild only when it changed. */
export async function gazetteerFor(db: GraphDb): Promise<Gazetteer> {
  const version = await graphVersion(db);
  if (cached) {
    const current = await cached.catch(() => null);
    if (current && current.version === version) return current;
  }
  cached = buildGazetteer(db, version);
  return cached;
}

/** Forget the cached dictionary (tests that change the graph use it to prove invalidation works). */
export function resetGazetteerCache(): void {
  cached = null;
}
