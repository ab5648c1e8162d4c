import { deriveNames } from '../seed/names.js';

/**
 * The names an entity answers to, derived from its curated names by the one derivation the seed reader
 * uses (deriveNames), so a contributed entity is found exactly like a seeded one; plus its searchText.
 */
export function entityNames(name: string, nameEn: string | null, curatedAliases: string[], code: string | null = null) {
  const derived = deriveNames(name, nameEn, curatedAliases, code);
  return { ...derived, owned: derived.ownedNames, searchText: [...derived.searchKeys, ...derived.aliases].join(' ') };
}
