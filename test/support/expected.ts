import type { SeedGraph } from '../../src/seed/read.js';

/** A firm's production place when the fact names none: a production role first, then by place id. */
function productionSite(locations: { role: string | null; place: { id: string } }[]): { id: string } | null {
  const rank = (role: string | null) => (role && ['production_base', 'plant', 'site'].includes(role) ? 0 : 1);
  return [...locations].sort((a, b) => rank(a.role) - rank(b.role) || a.place.id.localeCompare(b.place.id))[0]?.place ?? null;
}

/** Answers computed from the seed files alone, to compare the API against. */
export function expectations(graph: SeedGraph) {
  const rels = (type: string) => graph.relations.filter((r) => r.type === type);
  const entity = new Map(graph.entities.map((e) => [e.id, e]));

  const subareas = (placeId: string): Set<string> => {
    const out = new Set([placeId]);
    const queue = [placeId];
    while (queue.length) {
      const id = queue.shift()!;
      for (const r of rels('WITHIN')) if (r.to === id && !out.has(r.from)) out.add(r.from) && queue.push(r.from);
    }
    return out;
  };

  /** Every place a place lies in, with the fewest WITHIN hops to it (itself at 0). */
  const ancestorDistances = (placeId: string): Map<string, number> => {
    const out = new Map([[placeId, 0]]);
    const queue = [placeId];
    while (queue.length) {
      const id = queue.shift()!;
      for (const r of rels('WITHIN')) if (r.from === id && !out.has(r.to)) out.set(r.to, out.get(id)! + 1) && queue.push(r.to);
    }
    return out;
  };

  /** Hops between two places through their nearest common ancestor. */
  const placeDistance = (a: string, b: string): number => {
    const up = ancestorDistances(a);
    let best = Infinity;
    for (const [id, d] of ancestorDistances(b)) if (up.has(id)) best = Math.min(best, d + up.get(id)!);
    return best;
  };

  const ancestors = (placeId: string): string[] => {
    const out: string[] = [];
    let frontier = [placeId];
    while (frontier.length) {
      frontier = rels('WITHIN').filter((r) => frontier.includes(r.from)).map((r) => r.to).filter((id) => !out.includes(id));
      out.push(...frontier);
    }
    return out;
  };

  const chainProducts = (from: string, to: string): Set<string> => {
    const reach = (start: string, forward: boolean) => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length) {
        const id = queue.shift()!;
        for (const r of rels('INPUT_TO')) {
          const [here, there] = forward ? [r.from, r.to] : [r.to, r.from];
          if (here === id && !seen.has(there)) seen.add(there) && queue.push(there);
        }
      }
      return seen;
    };
    const up = reach(to, false);
    return new Set([...reach(from, true)].filter((id) => up.has(id)));
  };

  /** The product and every product that is a kind of it (KIND_OF, transitively). */
  const kindsOf = (productId: string): Set<string> => {
    const out = new Set([productId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of rels('KIND_OF')) if (out.has(r.to) && !out.has(r.from)) out.add(r.from) && (grew = true);
    }
    return out;
  };

  const producers = (productId: string) =>
    rels('PRODUCES')
      .filter((r) => kindsOf(productId).has(r.to))
      .map((r) => {
        const producer = entity.get(r.from)!;
        const stated = r.props.at ? String(r.props.at) : null;
        const located = productionSite(rels('LOCATED_IN').filter((l) => l.from === r.from).map((l) => ({ role: l.props.role as string | null, place: { id: l.to } })));
        const status = (r.props.status as string | null) ?? (producer.kind === 'Project' ? (producer.status ?? 'planned') : 'operating');
        const own = producer.kind === 'Place' ? producer.id : null;
        // A production whose site the text does not state gets no place (never one inferred by id order).
        const inferred = r.props.siteNotStated === true ? null : (located?.id ?? null);
        return { producerId: r.from, placeId: stated ?? own ?? inferred, status, relation: r };
      });

  const gaps = (placeId: string, from: string, to: string) => {
    const local = subareas(placeId);
    return [...chainProducts(from, to)].filter((p) => !producers(p).some((x) => x.status === 'operating' && x.placeId !== null && local.has(x.placeId)));
  };

  const firmsIn = (placeId: string, includeSubareas: boolean) => {
    const areas = includeSubareas ? subareas(placeId) : new Set([placeId]);
    return rels('LOCATED_IN').filter((r) => areas.has(r.to) && entity.get(r.from)?.kind === 'Firm');
  };

  const neighbours = (id: string) => new Set(graph.relations.flatMap((r) => (r.from === id ? [r.to] : r.to === id ? [r.from] : [])));

  const shortestDistance = (from: string, to: string): number => {
    const dist = new Map([[from, 0]]);
    const queue = [from];
    while (queue.length) {
      const id = queue.shift()!;
      if (id === to) return dist.get(id)!;
      for (const n of neighbours(id)) if (!dist.has(n)) dist.set(n, dist.get(id)! + 1) && queue.push(n);
    }
    return Infinity;
  };

  return { entity, rels, subareas, ancestors, placeDistance, chainProducts, producers, gaps, firmsIn, neighbours, shortestDistance };
}
