import { displayPinyin, hasCjk, searchKey, searchKeysFor, toTraditional } from './normalize.js';

const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * The names an entity answers to, derived from its curated names: the seed loader and curation both
 * use this, so a contributed entity is found exactly like a seeded one.
 */
export function entityNames(name: string, nameEn: string | null, curatedAliases: string[], codes: string[] = []) {
  const curated = [name, ...curatedAliases];
  const traditional = curated.filter(hasCjk).map(toTraditional);
  const pinyin = curated.filter((n) => hasCjk(n) && n.length <= 6).map(displayPinyin);
  const aliases = unique([...curatedAliases, ...traditional, ...pinyin].filter((a) => a !== name));
  const primaryKeys = unique([name, ...(nameEn ? [nameEn] : []), ...curated, ...traditional, ...codes].map(searchKey).filter(Boolean));
  const searchKeys = unique([...primaryKeys, ...searchKeysFor([name, ...(nameEn ? [nameEn] : []), ...aliases])]);
  /** Names whose keys must not belong to another entity (curated names and their traditional forms). */
  const owned = unique([...curated, ...traditional, ...codes]);
  return { aliases, primaryKeys, searchKeys, owned, searchText: [...searchKeys, ...aliases].join(' ') };
}
