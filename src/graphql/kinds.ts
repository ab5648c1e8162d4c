import type { EntityKind, PlaceKind } from './generated/resolvers.js';
import { PLACE_KINDS, kindToEnum as toEnum, type Kind } from '../domain/vocabulary.js';

export { kindFromEnum } from '../domain/vocabulary.js';

/** The domain's enum spelling, typed as the schema's EntityKind (the two lists are the same; the typecheck holds them so). */
export const kindToEnum = (kind: Kind): EntityKind => toEnum(kind);

/** Stored place kinds are lower case (`new_area`); the GraphQL enum is upper case (`NEW_AREA`). */
export const placeKindToEnum = (value: unknown): PlaceKind =>
  ((PLACE_KINDS as readonly string[]).includes(String(value)) ? String(value) : 'region').toUpperCase() as PlaceKind;

/** The GraphQL enum's spelling (`NEW_AREA`) to the stored one (`new_area`). */
export const placeKindFromEnum = (value: PlaceKind): string => value.toLowerCase();
