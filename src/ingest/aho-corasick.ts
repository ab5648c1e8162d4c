/**
 * Aho–Corasick automaton over UTF-16 code units: every occurrence of every pattern in one pass over
 * the text, whatever the number of patterns (thousands of names and aliases).
 */
export interface AcHit<T> {
  start: number;
  end: number;
  pattern: string;
  values: readonly T[];
}

interface Node<T> {
  next: Map<string, number>;
  fail: number;
  /** patterns ending here: the node's own and those of its failure chain */
  out: { pattern: string; values: T[] }[];
}

export class AhoCorasick<T> {
  private readonly nodes: Node<T>[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly own = new Map<number, { pattern: string; values: T[] }>();
  private built = false;

  add(pattern: string, value: T): void {
    if (!pattern) return;
    if (this.built) throw new Error('AhoCorasick: add() after build()');
    let state = 0;
    for (const c of pattern) {
      for (let k = 0; k < c.length; k++) {
        const unit = c[k];
        let target = this.nodes[state].next.get(unit);
        if (target === undefined) {
          target = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[state].next.set(unit, target);
        }
        state = target;
      }
    }
    const entry = this.own.get(state) ?? { pattern, values: [] };
    if (!entry.values.includes(value)) entry.values.push(value);
    this.own.set(state, entry);
  }

  build(): this {
    for (const [state, entry] of this.own) this.nodes[state].out.push(entry);
    const queue: number[] = [];
    for (const child of this.nodes[0].next.values()) queue.push(child);
    while (queue.length) {
      const state = queue.shift()!;
      for (const [unit, child] of this.nodes[state].next) {
        let f = this.nodes[state].fail;
        while (f !== 0 && !this.nodes[f].next.has(unit)) f = this.nodes[f].fail;
        const candidate = this.nodes[f].next.get(unit);
        this.nodes[child].fail = candidate !== undefined && candidate !== child ? candidate : 0;
        this.nodes[child].out.push(...this.nodes[this.nodes[child].fail].out);
        queue.push(child);
      }
    }
    this.built = true;
    return this;
  }

  /** Every occurrence, overlapping ones included, ordered by end then by length (longest first). */
  search(text: string): AcHit<T>[] {
    if (!this.built) this.build();
    const hits: AcHit<T>[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text[i];
      while (state !== 0 && !this.nodes[state].next.has(unit)) state = this.nodes[state].fail;
      state = this.nodes[state].next.get(unit) ?? 0;
      for (const o of this.nodes[state].out) hits.push({ start: i + 1 - o.pattern.length, end: i + 1, pattern: o.pattern, values: o.values });
    }
    return hits;
  }
}

/** Leftmost-longest selection: no two kept hits overlap; a longer hit beats a shorter one it covers. */
export function leftmostLongest<T extends { start: number; end: number }>(hits: readonly T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  let reach = -1;
  for (const h of sorted) {
    if (h.start >= reach) {
      kept.push(h);
      reach = h.end;
    } else if (kept.length && h.end > kept[kept.length - 1].end && h.end - h.start > kept[kept.length - 1].end - kept[kept.length - 1].start && h.start >= (kept.length > 1 ? kept[kept.length - 2].end : 0)) {
      // An overlapping hit that is longer than the last kept one replaces it (福泉双龙园区 over 福泉).
      kept[kept.length - 1] = h;
      reach = h.end;
    }
  }
  return kept;
}
