import type { Role } from './tokens.js';

/** The role each mutation needs; a mutation missing here is refused (deny by default). */
export const MUTATION_ROLES: Record<string, Role> = {
  ingestDocument: 'curator',
  reviewCandidate: 'curator',
  retractFact: 'admin',
};

const RANK: Record<Role, number> = { curator: 1, admin: 2 };
export const hasRole = (actual: Role, needed: Role): boolean => RANK[actual] >= RANK[needed];
