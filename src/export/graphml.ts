import { xmlAttr, xmlText } from './xml.js';

/**
 * GraphML (http://graphml.graphdrawing.org) written element by element: typed <key> declarations
 * first, then nodes, then edges. Gephi and NetworkX (networkx.read_graphml) open it as it is; Gephi
 * shows the `label` attribute. Pure: the explorer bundles it for the neighbourhood download.
 */
export type GraphmlType = 'string' | 'int' | 'double' | 'boolean';
export interface GraphmlKey {
  name: string;
  type: GraphmlType;
}
export type GraphmlValue = string | number | boolean | null | undefined;

/** Columns that are numbers; every other column is a string. */
const NUMERIC: Record<string, GraphmlType> = { evidence_count: 'int', capacity: 'double', amount: 'double' };
/**
 * The typed keys of a set of columns (the CSV column names), `label` (what Gephi shows) first: one
 * rule for the export and the explorer's neighbourhood download.
 */
export const graphmlKeys = (columns: readonly string[]): GraphmlKey[] => [
  { name: 'label', type: 'string' },
  ...columns.filter((c) => c !== 'label').map((name) => ({ name, type: NUMERIC[name] ?? ('string' as const) })),
];

export class GraphmlWriter {
  nodes = 0;
  edges = 0;
  private readonly nodeKeys: GraphmlKey[];
  private readonly edgeKeys: GraphmlKey[];

  constructor(
    private readonly write: (text: string) => Promise<void> | void,
    nodeKeys: GraphmlKey[],
    edgeKeys: GraphmlKey[],
  ) {
    this.nodeKeys = nodeKeys;
    this.edgeKeys = edgeKeys;
  }

  async begin(description?: string): Promise<void> {
    const keys = [
      ...this.nodeKeys.map((k) => `  <key id="n_${xmlAttr(k.name)}" for="node" attr.name="${xmlAttr(k.name)}" attr.type="${k.type}"/>\n`),
      ...this.edgeKeys.map((k) => `  <key id="e_${xmlAttr(k.name)}" for="edge" attr.name="${xmlAttr(k.name)}" attr.type="${k.type}"/>\n`),
    ].join('');
    await this.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
        (description ? `  <desc>${xmlText(description)}</desc>\n` : '') +
        keys +
        '  <graph id="G" edgedefault="directed">\n',
    );
  }

  private data(prefix: 'n' | 'e', keys: GraphmlKey[], values: Record<string, GraphmlValue>): string {
    let out = '';
    for (const key of keys) {
      const value = values[key.name];
      if (value === null || value === undefined || value === '') continue;
      const text = key.type === 'string' ? String(value) : key.type === 'boolean' ? String(Boolean(value)) : String(Number(value));
      out += `<data key="${prefix}_${xmlAttr(key.name)}">${xmlText(text)}</data>`;
    }
    return out;
  }

  /** Nodes and edges in batches: one write per batch. */
  async writeNodes(nodes: { id: string; values: Record<string, GraphmlValue> }[]): Promise<void> {
    if (!nodes.length) return;
    this.nodes += nodes.length;
    await this.write(nodes.map((n) => `    <node id="${xmlAttr(n.id)}">${this.data('n', this.nodeKeys, n.values)}</node>\n`).join(''));
  }

  async writeEdges(edges: { id: string; source: string; target: string; values: Record<string, GraphmlValue> }[]): Promise<void> {
    if (!edges.length) return;
    this.edges += edges.length;
    await this.write(
      edges
        .map((e) => `    <edge id="${xmlAttr(e.id)}" source="${xmlAttr(e.source)}" target="${xmlAttr(e.target)}">${this.data('e', this.edgeKeys, e.values)}</edge>\n`)
        .join(''),
    );
  }

  async end(): Promise<void> {
    await this.write('  </graph>\n</graphml>\n');
  }
}
