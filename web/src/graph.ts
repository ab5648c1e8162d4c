/** Graph drawings with cytoscape.js (loaded on demand): the expandable neighbourhood and the path view's drawing. */
import cytoscape from 'cytoscape';
import { gql, type EdgeFacts, type EntityRef } from './api.js';
import { h, fill } from './dom.js';
import { edgeDetails, edgeVerb } from './edges.js';
import type { NeighbourhoodQuery } from './generated/graphql.js';
import { KIND_ORDER, altNameOf, kindLabel, nameOf, t } from './i18n.js';
import { NEIGHBOURHOOD } from './operations.js';
import { entityHref, href } from './router.js';
import { entityLink, errorBox, evidenceList, kindBadge, kindColour } from './ui.js';
import { neighbourhoodGraphml, saveText } from './graphml-download.js';

/** An edge as the graph draws it: a relation with its two ends' ids. */
export type GraphEdge = EdgeFacts;
type Subgraph = NeighbourhoodQuery['neighborhood'];

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

const shortLabel = (text: string): string => {
  const cjk = /[\u3400-\u9fff]/.test(text);
  const max = cjk ? 12 : 26;
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
};

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 11,
      color: '#1e293b',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      width: 20,
      height: 20,
      'border-width': 2,
      'border-color': '#ffffff',
      'min-zoomed-font-size': 4,
    },
  },
  { selector: 'node.expanded', style: { 'border-color': '#0f172a', 'border-width': 2 } },
  { selector: 'node.centre', style: { width: 32, height: 32, 'font-size': 13, 'font-weight': 'bold', 'border-color': '#0f172a', 'border-width': 3 } },
  { selector: 'node.end', style: { width: 30, height: 30, 'font-size': 13, 'font-weight': 'bold', 'border-color': '#0f172a', 'border-width': 3 } },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'line-color': '#cbd5e1',
      'target-arrow-color': '#94a3b8',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 9,
      color: '#64748b',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 8,
    },
  },
  { selector: 'edge.planned', style: { 'line-style': 'dashed' } },
  { selector: 'edge.quiet', style: { label: '' } },
  { selector: 'edge.hover', style: { label: 'data(label)', 'line-color': '#64748b', 'target-arrow-color': '#64748b', width: 2, 'z-index': 10 } },
  { selector: 'node.hover', style: { 'z-index': 10, 'font-weight': 'bold' } },
  { selector: 'edge.path', style: { width: 2.5, 'line-color': '#64748b', 'target-arrow-color': '#64748b', 'font-size': 11, color: '#334155' } },
  { selector: ':selected', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  { selector: 'edge:selected', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 3 } },
];

function legend(kinds: Iterable<string>): HTMLElement {
  const present = new Set(kinds);
  return h(
    'div',
    { class: 'legend' },
    KIND_ORDER.filter((k) => present.has(k)).map((k) => h('span', null, h('span', { class: 'dot', style: `background:${kindColour(k)}` }), kindLabel(k))),
  );
}

function nodeData(e: EntityRef) {
  return { data: { id: e.id, label: shortLabel(nameOf(e)), colour: kindColour(e.kind), kind: e.kind, entity: e } };
}

function edgeData(e: GraphEdge, extraClass = '') {
  const id = `${e.type}|${e.from}|${e.to}|${e.label ?? ''}|${e.role ?? ''}|${e.status ?? ''}`;
  return {
    data: { id, source: e.from, target: e.to, label: edgeVerb(e), edge: e },
    classes: [e.status === 'planned' || e.status === 'under_construction' ? 'planned' : '', extraClass].filter(Boolean).join(' '),
  };
}

function edgePanel(e: GraphEdge, cy: cytoscape.Core): HTMLElement {
  const ref = (id: string) => cy.getElementById(id).data('entity') as EntityRef | undefined;
  const from = ref(e.from);
  const to = ref(e.to);
  const details = edgeDetails(e);
  return h(
    'div',
    { class: 'info-edge', 'data-edge': `${e.type}|${e.from}|${e.to}` },
    h('div', { class: 'rel-line' }, from ? entityLink(from) : e.from, h('span', { class: 'rel-type' }, ` —${edgeVerb(e)}→ `), to ? entityLink(to) : e.to),
    details.length ? h('p', { class: 'muted' }, details.join(' · ')) : null,
    evidenceList(e.sources),
  );
}

export interface NeighbourhoodOptions {
  depth: number;
  limit: number;
  tall?: boolean;
}

/** What was loaded around each expanded node: how many shown of how many, and with which limit. */
interface Note {
  shown: number;
  total: number;
  truncated: boolean;
  limit: number;
}
type Load = (id: string, limit: number, depth: number) => Promise<void>;

/** "Showing N of M around X", a "show more" for each truncated node, the totals. */
function statusParts(cy: cytoscape.Core, loaded: Map<string, Note>, centreId: string, centreName: string, depth: number, load: Load): (HTMLElement | string)[] {
  const parts: (HTMLElement | string)[] = [];
  const centre = loaded.get(centreId);
  if (centre) {
    parts.push(
      h(
        'span',
        { class: centre.truncated ? 'truncated' : '', 'data-shown': String(centre.shown), 'data-total': String(centre.total) },
        depth > 1 ? `${t('depth')} ${depth} · ` : '',
        `${t('showing')} ${centre.shown} ${t('of')} ${centre.total} ${t('entities')}（${t('around')} ${centreName}）`,
      ),
    );
    if (centre.truncated && centre.limit < 500) {
      parts.push(h('button', { type: 'button', class: 'small', onclick: () => void load(centreId, Math.min(500, centre.limit * 2), depth) }, t('showMore')));
    }
  }
  for (const [id, note] of loaded) {
    if (id === centreId || !note.truncated) continue;
    const e = cy.getElementById(id).data('entity') as EntityRef | undefined;
    parts.push(
      h('span', { class: 'truncated' }, `${e ? nameOf(e) : id}: ${t('showing')} ${note.shown} ${t('of')} ${note.total}`),
      h('button', { type: 'button', class: 'small', onclick: () => void load(id, Math.min(500, note.limit * 2), 1) }, t('showMore')),
    );
  }
  parts.push(h('span', { class: 'muted' }, `${t('graphTotal')} ${cy.nodes().length} ${t('nodesWord')} · ${cy.edges().length} ${t('edgesWord')}`));
  return parts;
}

/** Adds what is new in `sub` next to node `id`; answers how many nodes were added. */
function addSubgraph(cy: cytoscape.Core, sub: Subgraph, id: string): void {
  const origin = cy.getElementById(id);
  const near = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
  // A first drawing spreads wide (as cose's randomize would); an expansion stays near its node.
  const spread = cy.nodes().empty() ? 600 : 80;
  cy.batch(() => {
    for (const n of sub.nodes) {
      if (cy.getElementById(n.id).nonempty()) continue;
      cy.add({ ...nodeData(n), position: scatter(near, n.id, spread) });
    }
    for (const e of sub.edges) {
      const data = edgeData(e);
      if (cy.getElementById(data.data.id).empty()) cy.add(data);
    }
  });
}

/**
 * A start position near `near`, within `spread` px, fixed by the node's id: the same graph is
 * laid out the same way every time (cose's own randomize is not, nor were the screenshots).
 */
function scatter(near: { x: number; y: number }, id: string, spread: number): { x: number; y: number } {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  const unit = (bits: number) => ((hash >>> bits) & 0xffff) / 0xffff - 0.5;
  return { x: near.x + unit(0) * spread, y: near.y + unit(16) * spread };
}

/** The side panel for a tapped node: its name, what was loaded around it, links. */
const nodeInfo = (e: EntityRef, note: Note | undefined): HTMLElement =>
  h(
    'div',
    { class: 'info-node', 'data-id': e.id },
    kindBadge(e.kind),
    h('h3', null, nameOf(e)),
    altNameOf(e) ? h('p', { class: 'alt' }, altNameOf(e)!) : null,
    note ? h('p', { class: 'muted' }, `${t('showing')} ${note.shown} ${t('of')} ${note.total} ${t('entities')}`) : null,
    h('p', { class: 'actions' }, h('a', { href: entityHref(e) }, t('openEntity')), ' · ', h('a', { href: href('graph', e.id) }, t('recentre'))),
  );

/** Hovering a node lifts it and its edges; hovering an edge lifts it. */
function highlightOnHover(cy: cytoscape.Core): void {
  cy.on('mouseover', 'node', (event) => event.target.addClass('hover').connectedEdges().addClass('hover'));
  cy.on('mouseout', 'node', (event) => event.target.removeClass('hover').connectedEdges().removeClass('hover'));
  cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));
}

/** The graph as drawn, as a GraphML file. */
const downloadButton = (cy: () => cytoscape.Core, centreId: string, centreName: () => string): HTMLElement =>
  h(
    'button',
    {
      type: 'button',
      class: 'small',
      'data-testid': 'download-graphml',
      title: t('downloadHint'),
      onclick: async () => saveText(await neighbourhoodGraphml(cy(), `Neighbourhood of ${centreName()} (${centreId})`), `${centreId.replace(/[^A-Za-z0-9]+/g, '-')}-neighbourhood.graphml`, 'application/graphml+xml'),
    },
    `${t('download')} GraphML`,
  );

/** Draws the neighbourhood of `centreId`; clicking a node adds its own neighbourhood. Returns a disposer. */
export async function mountNeighbourhood(host: HTMLElement, centreId: string, opts: NeighbourhoodOptions): Promise<() => void> {
  const status = h('div', { class: 'graph-status', 'data-testid': 'graph-status' });
  const legendHost = h('div');
  const canvas = h('div', { class: `graph-canvas${opts.tall ? ' tall' : ''}`, 'data-testid': 'graph-canvas' });
  const info = h('div', { class: 'graph-info' }, h('p', { class: 'muted' }, t('graphHint')));
  let centreName = centreId;
  const download = downloadButton(() => cy, centreId, () => centreName);
  fill(host, h('div', { class: 'graph-toolbar' }, status, legendHost, download), h('div', { class: 'graph-body' }, canvas, info));

  const cy = cytoscape({ container: canvas, style: STYLE, minZoom: 0.2, maxZoom: 3, wheelSensitivity: 0.3, boxSelectionEnabled: false });
  (window as unknown as { explorerGraph?: cytoscape.Core }).explorerGraph = cy;
  const loaded = new Map<string, Note>();

  const paintStatus = () => {
    fill(status, statusParts(cy, loaded, centreId, centreName, opts.depth, load));
    legendHost.replaceChildren(legend(cy.nodes().map((n) => n.data('kind') as string)));
    host.dataset.nodes = String(cy.nodes().length);
  };

  const load: Load = async (id, limit, depth) => {
    host.dataset.ready = 'loading';
    let sub: Subgraph;
    try {
      sub = (await gql(NEIGHBOURHOOD, { id, depth, limit })).neighborhood;
    } catch (error) {
      if (!cy.nodes().length) fill(host, errorBox(error));
      else info.replaceChildren(errorBox(error));
      host.dataset.ready = 'error';
      return;
    }
    if (cy.destroyed()) return;
    addSubgraph(cy, sub, id);
    const node = cy.getElementById(id);
    node.addClass('expanded');
    if (id === centreId) {
      node.addClass('centre');
      const e = node.data('entity') as EntityRef | undefined;
      if (e) centreName = nameOf(e);
    }
    loaded.set(id, { shown: sub.nodes.length, total: sub.totalNodes, truncated: sub.truncated, limit });
    await runLayout(cy);
    paintStatus();
    host.dataset.ready = 'graph';
  };

  cy.on('tap', 'node', (event) => {
    const e = (event.target as cytoscape.NodeSingular).data('entity') as EntityRef;
    info.replaceChildren(nodeInfo(e, loaded.get(e.id)));
    if (!loaded.has(e.id)) void load(e.id, Math.min(opts.limit, 40), 1);
  });
  cy.on('tap', 'edge', (event) => info.replaceChildren(edgePanel(event.target.data('edge') as GraphEdge, cy)));
  highlightOnHover(cy);

  await load(centreId, opts.limit, opts.depth);
  return () => cy.destroy();
}

function runLayout(cy: cytoscape.Core): Promise<void> {
  return new Promise((resolve) => {
    const n = cy.nodes().length;
    // Labels stay readable on bigger graphs only when most edge labels wait for a hover.
    cy.edges().toggleClass('quiet', cy.edges().length > 24);
    const layout = cy.layout({
      name: 'cose',
      animate: false,
      randomize: false, // starts from scatter(): the same layout every time
      fit: true,
      padding: 24,
      nodeDimensionsIncludeLabels: false,
      nodeRepulsion: () => (n > 40 ? 60_000 : 200_000),
      idealEdgeLength: () => (n > 40 ? 90 : 110),
      edgeElasticity: () => 60,
      nodeOverlap: 30,
      gravity: 0.5,
      numIter: 1500,
      componentSpacing: 80,
    } as cytoscape.CoseLayoutOptions);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

export interface DrawnPath {
  nodes: EntityRef[];
  edges: GraphEdge[];
}

/** The union of the shortest paths, laid out from `fromId`; clicking an edge shows its quotes. */
export function drawPaths(host: HTMLElement, paths: DrawnPath[], fromId: string, toId: string): () => void {
  const canvas = h('div', { class: 'graph-canvas short', 'data-testid': 'path-canvas' });
  const info = h('div', { class: 'graph-info' }, h('p', { class: 'muted' }, t('graphHint')));
  const kinds = new Set(paths.flatMap((p) => p.nodes.map((n) => n.kind)));
  fill(host, h('div', { class: 'graph-toolbar' }, legend(kinds)), h('div', { class: 'graph-body' }, canvas, info));
  const cy = cytoscape({ container: canvas, style: STYLE, minZoom: 0.3, maxZoom: 2.5, wheelSensitivity: 0.3, boxSelectionEnabled: false });
  cy.batch(() => {
    for (const p of paths) {
      for (const n of p.nodes) if (cy.getElementById(n.id).empty()) cy.add(nodeData(n));
      for (const e of p.edges) {
        const data = edgeData(e, 'path');
        if (cy.getElementById(data.data.id).empty()) cy.add(data);
      }
    }
  });
  cy.getElementById(fromId).addClass('end');
  cy.getElementById(toId).addClass('end');
  cy.layout({ name: 'breadthfirst', roots: cy.getElementById(fromId), directed: false, spacingFactor: 1.15, padding: 30, animate: false } as unknown as cytoscape.BreadthFirstLayoutOptions).run();
  cy.on('tap', 'edge', (event) => info.replaceChildren(edgePanel(event.target.data('edge') as GraphEdge, cy)));
  cy.on('tap', 'node', (event) => {
    const e = event.target.data('entity') as EntityRef;
    info.replaceChildren(h('div', { class: 'info-node' }, kindBadge(e.kind), h('h3', null, entityLink(e, { dot: false })), altNameOf(e) ? h('p', { class: 'alt' }, altNameOf(e)!) : null));
  });
  host.dataset.ready = 'graph';
  return () => cy.destroy();
}
