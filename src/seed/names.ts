import { displayPinyin, hasCjk, searchKey, searchKeysFor, toTraditional } from '../text/normalize.js';

export interface DerivedNames {
  /** Curated aliases first, then derived traditional and pinyin forms (the name itself excluded). */
  aliases: string[];
  /** Keys of the name, English name, curated aliases and their traditional forms: these resolve a lookup outright. */
  primaryKeys: string[];
  /** primaryKeys plus the keys of derived pinyin: a match here alone may be ambiguous. */
  searchKeys: string[];
  /** The names whose keys must belong to this entity alone (name, curated aliases, their traditional forms). */
  ownedNames: string[];
}

/**
 * The one derivation of an entity's aliases and match keys from its curated names, shared by the
 * seed reader and the synthetic generator so both write exactly the same kind of record.
 */
export function deriveNames(name: string, nameEn: string | null, curatedAliases: readonly string[], code: string | null = null): DerivedNames {
  const curated = [name, ...curatedAliases];
  const traditional = curated.filter(hasCjk).map(toTraditional);
  const pinyin = curated.filter((n) => hasCjk(n) && n.length <= 6).map(displayPinyin);
  const aliases = unique([...curatedAliases, ...traditional, ...pinyin].filter((a) => a !== name));
  // A division's code is one more name: lookup("522702") finds 福泉市 through the same keys as its aliases.
  const codes = code ? [code] : [];
  const primaryKeys = unique([name, ...(nameEn ? [nameEn] : []), ...curated, ...traditional, ...codes].map(searchKey).filter(Boolean));
  const searchKeys = unique([...primaryKeys, ...searchKeysFor([name, ...(nameEn ? [nameEn] : []), ...aliases])]);
  return { aliases, primaryKeys, searchKeys, ownedNames: unique([...curated, ...traditional, ...codes]) };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
