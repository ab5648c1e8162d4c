import type { ENTITY_KINDS } from '../seed/model.js';

export type EntityKind = (typeof ENTITY_KINDS)[number];
