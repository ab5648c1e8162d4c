import { pinyinOf } from '../text/normalize.js';
import { EntityModel, RELATION_RULES, RelationModel, type EntityInput, type RelationInput } from '../seed/model.js';
import { deriveNames } from '../seed/names.js';
import { relationKeyAndProps, type SeedEntity, type SeedGraph, type SeedRelation } from '../seed/read.js';
import { intBetween, pick, rngFor, WeightedPicker, type Rng } from './random.js';
import {
  LAYER_TRADES,
  LAYER_UNITS,
  PARK_SUFFIXES,
  PARK_WORDS,
  PRODUCT_FAMILIES,
  PRODUCT_GRADES,
  PRODUCT_VARIANTS,
  STATUS_WEIGHTS,
  TRADE_NAME_CHARS,
} from './vocabulary.js';

/** Synthetic records carry this origin and ids like firm:syn-0000001; nothing else is ever touched. */
export const SYNTH_ORIGIN = 'synth';
export const SYNTH_ID_PART = 'syn-';
export const MAX_FIRMS = TRADE_NAME_CHARS.length ** 3;

export interface SynthOptions {
  firms: number;
  seed: number;
  /** Adds a dense test chain: hops INPUT_TO steps, width products per inner layer (width^(hops-1) paths). */
  dense?: { width: number; hops: number } | null;
  /** Firms (or parks, policies) per batch: each batch is one transaction. */
  batchSize?: number;
}

export interface SynthBatch {
  index: number;
  phase: Phase;
  entities: SeedEntity[];
  relations: SeedRelation[];
}

export type Phase = 'parks' | 'products' | 'policies' | 'firms';

export interface ChainChoice {
  fromId: string;
  toId: string;
  from: string;
  to: string;
  /** Products on the chain (reachable from `from` and reaching `to`). */
  steps: number;
  /** INPUT_TO paths from `from` to `to`: what path enumeration would walk. */
  paths: number;
}

interface Unit {
  id: string;
  short: string;
  /** The prefecture the county lies in (itself when the seed lists no counties for it). */
  prefecture: string;
  weight: number;
  parks: string[];
}
interface Product {
  id: string;
  name: string;
  layer: number;
  family: string;
  variants: string[];
}

// Streams of the deterministic generator; record i of stream s depends only on (seed, s, i).
const STREAM = { unitWeight: 1, park: 2, productInputs: 3, productVariant: 4, policy: 5, firm: 6 } as const;
const LAYERS = PRODUCT_FAMILIES.length;
const PER_LAYER = PRODUCT_FAMILIES[0].length * PRODUCT_GRADES.length;
const FIRMS_PER_PARK = 75;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The records of a synthetic load, addressable by batch: batch k is the same whenever it is made. */
export class SynthPlan {
  readonly batchSize: number;
  readonly province: { id: string; name: string };
  readonly units: Unit[];
  readonly parkCount: number;
  readonly policyCount: number;
  readonly products: Product[];
  readonly chain: ChainChoice;
  readonly denseChain: ChainChoice | null;
  readonly batches: { phase: Phase; from: number; to: number }[] = [];
  private readonly parkUnit: number[] = [];
  private readonly parkSlot: number[] = [];
  private readonly unitPicker: WeightedPicker;
  private readonly inputs = new Map<string, string[]>();
  private readonly curatedKeys: Set<string>;
  private readonly dagProducts: Product[];
  private readonly trade: { multiplier: number; offset: number; space: number };

  constructor(
    curated: SeedGraph,
    readonly options: SynthOptions,
  ) {
    if (!Number.isInteger(options.firms) || options.firms < 1 || options.firms > MAX_FIRMS) {
      throw new Error(`--firms must be a whole number from 1 to ${MAX_FIRMS}`);
    }
    this.batchSize = options.batchSize ?? 5_000;
    this.curatedKeys = new Set(curated.entities.flatMap((e) => e.searchKeys));
    ({ province: this.province, units: this.units } = placesOf(curated, options.seed));
    this.unitPicker = new WeightedPicker(this.units.map((u) => u.weight));

    // Parks: about one per 75 firms, at least one per county, shared out by county weight.
    this.parkCount = Math.max(this.units.length, Math.round(options.firms / FIRMS_PER_PARK));
    const total = this.units.reduce((s, u) => s + u.weight, 0);
    const shares = this.units.map((u) => Math.max(1, Math.floor((this.parkCount - this.units.length) * (u.weight / total)) + 1));
    let park = 0;
    this.units.forEach((u, unit) => {
      for (let j = 0; j < shares[unit]; j++) {
        u.parks.push(`place:${SYNTH_ID_PART}park-${pad(park++, 6)}`);
        this.parkUnit.push(unit);
        this.parkSlot.push(j);
      }
    });
    this.parkCount = park;

    ({ products: this.products, dag: this.dagProducts } = this.makeProducts());
    this.chain = this.pickChain();
    this.denseChain = options.dense ? this.denseChoice(options.dense) : null;
    this.policyCount = Math.max(20, Math.round(options.firms / 200));

    const P = TRADE_NAME_CHARS.length;
    const space = P ** 3;
    let multiplier = 7_919 + (options.seed % 1_000) * 2;
    while (gcd(multiplier, space) !== 1) multiplier += 1;
    this.trade = { multiplier, offset: Math.floor(rngFor(options.seed, STREAM.firm, -1)() * space), space };

    const phase = (name: Phase, count: number, size: number) => {
      for (let from = 0; from < count; from += size) this.batches.push({ phase: name, from, to: Math.min(count, from + size) });
    };
    phase('parks', this.parkCount, this.batchSize);
    phase('products', 1, 1);
    phase('policies', this.policyCount, this.batchSize);
    phase('firms', options.firms, this.batchSize);
  }

  /** Batch k: its entities (nodes first) and the relations they start. */
  batch(index: number): SynthBatch {
    const { phase, from, to } = this.batches[index];
    const out: SynthBatch = { index, phase, entities: [], relations: [] };
    if (phase === 'products') this.productRecords(out);
    else for (let i = from; i < to; i++) this[phase === 'parks' ? 'parkRecords' : phase === 'policies' ? 'policyRecords' : 'firmRecords'](i, out);
    return out;
  }

  private note(): string {
    return `synthetic record (npm run synth, seed ${this.options.seed})`;
  }

  private entity(input: Omit<EntityInput, 'evidence' | 'facts' | 'aliases'> & { aliases?: string[] }, kinds: Map<string, string> | null = null): SeedEntity {
    const e = EntityModel.parse({ ...input, evidence: [{ note: this.note() }] });
    let derived = deriveNames(e.name, e.nameEn ?? null, e.aliases);
    if (derived.primaryKeys.some((k) => this.curatedKeys.has(k))) {
      // A generated name that happens to be a curated one gets a suffix, so lookups of curated names stay unambiguous.
      e.name = `${e.name}（合成）`;
      e.aliases = [];
      derived = deriveNames(e.name, e.nameEn ?? null, []);
    }
    kinds?.set(e.id, e.kind);
    return {
      id: e.id,
      kind: e.kind,
      name: e.name,
      nameEn: e.nameEn ?? null,
      aliases: derived.aliases,
      curatedAliases: e.aliases,
      placeKind: e.placeKind ?? null,
      status: e.status ?? null,
      description: e.description ?? null,
      descriptionZh: null,
      code: null,
      sixBases: false,
      facts: [],
      evidence: [{ doc: null, quote: null, note: this.note() }],
      primaryKeys: derived.primaryKeys,
      searchKeys: derived.searchKeys,
      declaredIn: ['(synthetic)'],
    };
  }

  private relation(input: Omit<RelationInput, 'evidence'>, fromKind: string, toKind: string): SeedRelation {
    const r = RelationModel.parse({ ...input, evidence: [{ note: this.note() }] });
    const rule = RELATION_RULES[r.type];
    if (!(rule.from as readonly string[]).includes(fromKind) || !(rule.to as readonly string[]).includes(toKind)) {
      throw new Error(`generator bug: ${r.type} cannot join ${fromKind} to ${toKind}`);
    }
    const { key, props } = relationKeyAndProps(r);
    return { key, type: r.type, from: r.from, to: r.to, props, evidence: [{ doc: null, quote: null, note: this.note() }] };
  }

  private parkRecords(i: number, out: SynthBatch): void {
    const unit = this.units[this.parkUnit[i]];
    const j = this.parkSlot[i];
    const W = PARK_WORDS.length;
    const word = PARK_WORDS[j % W] + PARK_WORDS[Math.floor(j / W) % W];
    const suffix = PARK_SUFFIXES[Math.floor(j / (W * W)) % PARK_SUFFIXES.length];
    const serial = j >= W * W * PARK_SUFFIXES.length ? `${Math.floor(j / (W * W * PARK_SUFFIXES.length)) + 1}` : '';
    const id = `place:${SYNTH_ID_PART}park-${pad(i, 6)}`;
    out.entities.push(this.entity({ id, kind: 'Place', name: `${unit.short}${word}${suffix}${serial}`, placeKind: 'park' }));
    out.relations.push(this.relation({ type: 'WITHIN', from: id, to: unit.id }, 'Place', 'Place'));
  }

  private makeProducts(): { products: Product[]; dag: Product[] } {
    const dag: Product[] = [];
    for (let layer = 0; layer < LAYERS; layer++) {
      for (let j = 0; j < PER_LAYER; j++) {
        const family = PRODUCT_FAMILIES[layer][j % PRODUCT_FAMILIES[layer].length];
        const grade = PRODUCT_GRADES[Math.floor(j / PRODUCT_FAMILIES[layer].length)];
        dag.push({ id: `product:${SYNTH_ID_PART}l${layer}-${pad(j, 3)}`, name: `${family}${grade}型`, layer, family, variants: [] });
      }
    }
    const products = [...dag];
    dag.forEach((p, n) => {
      const rng = rngFor(this.options.seed, STREAM.productInputs, n);
      if (p.layer > 0) {
        const chosen = new Set<string>();
        const count = intBetween(rng, 2, 4);
        while (chosen.size < count) {
          const layer = p.layer >= 2 && rng() < 0.2 ? p.layer - 2 : p.layer - 1;
          chosen.add(dag[layer * PER_LAYER + Math.floor(rng() * PER_LAYER)].id);
        }
        this.inputs.set(p.id, [...chosen]);
      }
      const variantRng = rngFor(this.options.seed, STREAM.productVariant, n);
      if (p.layer >= 3 && variantRng() < 0.3) {
        const variant = pick(variantRng, PRODUCT_VARIANTS);
        const sub: Product = { id: `${p.id}-v`, name: `${p.family}${variant}${p.name.slice(p.family.length)}`, layer: p.layer, family: p.family, variants: [] };
        p.variants.push(sub.id);
        products.push(sub);
      }
    });
    if (this.options.dense) {
      const { width, hops } = this.options.dense;
      for (let layer = 0; layer <= hops; layer++) {
        const count = layer === 0 || layer === hops ? 1 : width;
        for (let j = 0; j < count; j++) {
          const id = `product:${SYNTH_ID_PART}dense-${pad(layer, 2)}-${pad(j, 3)}`;
          products.push({ id, name: `密集链中间体${layer}-${j + 1}号`, layer: -1, family: '密集链中间体', variants: [] });
          if (layer > 0) {
            const previous = layer === 1 ? 1 : width;
            this.inputs.set(id, Array.from({ length: previous }, (_, k) => `product:${SYNTH_ID_PART}dense-${pad(layer - 1, 2)}-${pad(k, 3)}`));
          }
        }
      }
    }
    return { products, dag };
  }

  private productRecords(out: SynthBatch): void {
    for (const p of this.products) out.entities.push(this.entity({ id: p.id, kind: 'Product', name: p.name }));
    for (const p of this.products) {
      for (const input of this.inputs.get(p.id) ?? []) out.relations.push(this.relation({ type: 'INPUT_TO', from: input, to: p.id }, 'Product', 'Product'));
      for (const v of p.variants) out.relations.push(this.relation({ type: 'KIND_OF', from: v, to: p.id }, 'Product', 'Product'));
    }
  }

  /** The layer-0 → layer-7 pair with the most products between them: the benchmark's 8-layer chain. */
  private pickChain(): ChainChoice {
    const byId = new Map(this.dagProducts.map((p) => [p.id, p]));
    let best: ChainChoice | null = null;
    for (const from of this.dagProducts.filter((p) => p.layer === 0)) {
      const reach = this.reachableFrom(from.id);
      for (const to of this.dagProducts.filter((p) => p.layer === LAYERS - 1)) {
        if (!reach.has(to.id)) continue;
        const back = this.reaching(to.id);
        const steps = [...reach].filter((id) => back.has(id)).length;
        if (!best || steps > best.steps) best = { fromId: from.id, toId: to.id, from: byId.get(from.id)!.name, to: byId.get(to.id)!.name, steps, paths: this.countPaths(from.id, to.id) };
      }
    }
    if (!best) throw new Error('generator bug: no chain from layer 0 to the last layer');
    return best;
  }

  private denseChoice(dense: { width: number; hops: number }): ChainChoice {
    const fromId = `product:${SYNTH_ID_PART}dense-00-000`;
    const toId = `product:${SYNTH_ID_PART}dense-${pad(dense.hops, 2)}-000`;
    const name = (id: string) => this.products.find((p) => p.id === id)!.name;
    return { fromId, toId, from: name(fromId), to: name(toId), steps: 2 + dense.width * (dense.hops - 1), paths: this.countPaths(fromId, toId) };
  }

  private outputsOf(): Map<string, string[]> {
    const outputs = new Map<string, string[]>();
    for (const [to, froms] of this.inputs) for (const from of froms) outputs.set(from, [...(outputs.get(from) ?? []), to]);
    return outputs;
  }
  private reachableFrom(id: string): Set<string> {
    const outputs = this.outputsOf();
    const seen = new Set([id]);
    const stack = [id];
    while (stack.length) for (const next of outputs.get(stack.pop()!) ?? []) if (!seen.has(next)) seen.add(next), stack.push(next);
    return seen;
  }
  private reaching(id: string): Set<string> {
    const seen = new Set([id]);
    const stack = [id];
    while (stack.length) for (const next of this.inputs.get(stack.pop()!) ?? []) if (!seen.has(next)) seen.add(next), stack.push(next);
    return seen;
  }
  /** Number of INPUT_TO paths (a float: it can exceed 2^53), by dynamic programming over the DAG. */
  countPaths(fromId: string, toId: string): number {
    const memo = new Map<string, number>();
    const count = (id: string): number => {
      if (id === fromId) return 1;
      if (memo.has(id)) return memo.get(id)!;
      let sum = 0;
      for (const input of this.inputs.get(id) ?? []) sum += count(input);
      memo.set(id, sum);
      return sum;
    };
    return count(toId);
  }

  private policyRecords(j: number, out: SynthBatch): void {
    const rng = rngFor(this.options.seed, STREAM.policy, j);
    const unit = this.units[this.unitPicker.pick(rng)];
    const roll = rng();
    const target = roll < 0.15 ? null : roll < 0.5 ? unit.id : pick(rng, unit.parks);
    const product = this.dagProducts[Math.floor(rng() * this.dagProducts.length)];
    const year = 2016 + (j % 10);
    const id = `policy:${SYNTH_ID_PART}${pad(j, 6)}`;
    out.entities.push(this.entity({ id, kind: 'Policy', name: `${unit.short}关于促进${product.family}产业高质量发展的若干措施（${year}年第${j + 1}号）`, status: 'issued' }));
    out.relations.push(this.relation({ type: 'CONCERNS', from: id, to: target ?? unit.prefecture }, 'Policy', 'Place'));
    out.relations.push(this.relation({ type: 'CONCERNS', from: id, to: product.id }, 'Policy', 'Product'));
    if (rng() < 0.4) {
      const second = this.dagProducts[Math.floor(rng() * this.dagProducts.length)];
      if (second.id !== product.id) out.relations.push(this.relation({ type: 'CONCERNS', from: id, to: second.id }, 'Policy', 'Product'));
    }
  }

  /** Firm i: a trade name no other firm has, a place, one to three products. */
  private firmRecords(i: number, out: SynthBatch): void {
    const rng = rngFor(this.options.seed, STREAM.firm, i);
    const unitIndex = this.unitPicker.pick(rng);
    const unit = this.units[unitIndex];
    const inPark = rng() < 0.75;
    const place = inPark ? pick(rng, unit.parks) : unit.id;
    const made = this.pickProducts(rng);
    const [trade, tradeEn] = LAYER_TRADES[made[0].layer];
    const P = TRADE_NAME_CHARS.length;
    // An affine bijection of [0, P³) gives every firm its own three-character trade name.
    const code = (i * this.trade.multiplier + this.trade.offset) % this.trade.space;
    const tradeName = TRADE_NAME_CHARS[code % P] + TRADE_NAME_CHARS[Math.floor(code / P) % P] + TRADE_NAME_CHARS[Math.floor(code / (P * P))];
    const listed = rng() < 0.1;
    const id = `firm:${SYNTH_ID_PART}${pad(i, 7)}`;
    const pinyin = pinyinOf(tradeName);
    out.entities.push(
      this.entity({
        id,
        kind: 'Firm',
        name: `${unit.short}${tradeName}${trade}${listed ? '股份' : ''}有限公司`,
        nameEn: `${pinyin[0].toUpperCase()}${pinyin.slice(1)} ${tradeEn} Co., Ltd.`,
        aliases: [`${tradeName}${trade}`],
      }),
    );
    out.relations.push(this.relation({ type: 'LOCATED_IN', from: id, to: place, role: rng() < 0.3 ? 'headquarters' : 'site' }, 'Firm', 'Place'));
    let base: string | null = null;
    if (rng() < 0.1) {
      const other = this.units[this.unitPicker.pick(rng)];
      base = pick(rng, other.parks);
      if (base !== place) out.relations.push(this.relation({ type: 'LOCATED_IN', from: id, to: base, role: 'production_base' }, 'Firm', 'Place'));
      else base = null;
    }
    for (const product of made) {
      const variant = product.variants.length && rng() < 0.25 ? product.variants[0] : product.id;
      const capacity = Math.round(10 ** (1 + 3 * rng()));
      let status = STATUS_WEIGHTS[0][0];
      let roll = rng() * 100;
      for (const [s, w] of STATUS_WEIGHTS) if ((roll -= w) < 0) { status = s; break; }
      out.relations.push(
        this.relation(
          // End products are counted as yearly output (辆, with its year), the rest as capacity.
          { type: 'PRODUCES', from: id, to: variant, ...(LAYER_UNITS[product.layer] === '辆' ? { output: capacity } : { capacity }), unit: LAYER_UNITS[product.layer], status, asOf: String(intBetween(rng, 2019, 2025)), ...(base && rng() < 0.5 ? { at: base } : {}) },
          'Firm',
          'Product',
        ),
      );
    }
  }

  /** One to three distinct products, low indexes of each layer more popular (a few products have most producers). */
  private pickProducts(rng: Rng): Product[] {
    const count = intBetween(rng, 1, 3);
    const chosen = new Map<string, Product>();
    const layer = Math.floor(rng() * LAYERS);
    for (let k = 0; k < count; k++) {
      const l = Math.min(LAYERS - 1, Math.max(0, layer + (k === 0 ? 0 : intBetween(rng, -1, 1))));
      const p = this.dagProducts[l * PER_LAYER + Math.floor(PER_LAYER * rng() ** 2)];
      chosen.set(p.id, p);
    }
    return [...chosen.values()];
  }

  /** Nodes and relationships the whole load writes (computed by generating it, for tests and progress). */
  rowsOf(batch: SynthBatch): number {
    return batch.entities.length + batch.relations.length;
  }
}

/** The province with the most prefectures in the curated seed, its prefectures and their counties. */
function placesOf(curated: SeedGraph, seed: number): { province: { id: string; name: string }; units: Unit[] } {
  const places = new Map(curated.entities.filter((e) => e.kind === 'Place').map((e) => [e.id, e]));
  const children = new Map<string, SeedEntity[]>();
  for (const r of curated.relations) {
    if (r.type !== 'WITHIN' || !places.has(r.from)) continue;
    children.set(r.to, [...(children.get(r.to) ?? []), places.get(r.from)!]);
  }
  const prefecturesOf = (id: string) => (children.get(id) ?? []).filter((p) => p.placeKind === 'prefecture');
  const province = [...places.values()]
    .filter((p) => p.placeKind === 'province')
    .sort((a, b) => prefecturesOf(b.id).length - prefecturesOf(a.id).length || a.id.localeCompare(b.id))[0];
  if (!province || !prefecturesOf(province.id).length) throw new Error('the curated seed has no province with prefectures to place synthetic firms in');
  const units: Unit[] = [];
  for (const prefecture of prefecturesOf(province.id).sort((a, b) => a.id.localeCompare(b.id))) {
    const counties = (children.get(prefecture.id) ?? []).filter((p) => p.placeKind === 'county' || p.placeKind === 'district').sort((a, b) => a.id.localeCompare(b.id));
    // A prefecture whose counties the seed does not list hosts its parks itself.
    for (const place of counties.length ? counties : [prefecture]) {
      const rng = rngFor(seed, STREAM.unitWeight, units.length);
      // Log-normal weights: a few counties host most firms, as in reality.
      const weight = Math.exp(Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
      units.push({ id: place.id, short: shortName(place), prefecture: prefecture.id, weight, parks: [] });
    }
  }
  return { province: { id: province.id, name: province.name }, units };
}

/** 福泉市 → 福泉: the shortest curated Chinese alias the name starts with, else the name. */
function shortName(place: SeedEntity): string {
  const prefixes = place.curatedAliases.filter((a) => /^[\u4e00-\u9fff]{2,}$/.test(a) && place.name.startsWith(a));
  return prefixes.sort((a, b) => a.length - b.length)[0] ?? place.name;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Builds the plan for a curated seed (its places) and the options. */
export function planSynth(curated: SeedGraph, options: SynthOptions): SynthPlan {
  return new SynthPlan(curated, options);
}
