import type { Kind } from '../services/rows.js';

const TO_ENUM: Record<Kind, string> = {
  Firm: 'FIRM',
  Place: 'PLACE',
  Policy: 'POLICY',
  IndustrialBase: 'INDUSTRIAL_BASE',
  Project: 'PROJECT',
  Product: 'PRODUCT',
  Industry: 'INDUSTRY',
  Organization: 'ORGANIZATION',
};
const FROM_ENUM = Object.fromEntries(Object.entries(TO_ENUM).map(([k, v]) => [v, k])) as Record<string, Kind>;

export const kindToEnum = (kind: Kind): string => TO_ENUM[kind];
export const kindFromEnum = (value: string | null | undefined): Kind | null => (value ? FROM_ENUM[value] : null);
