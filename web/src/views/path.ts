import { ApiError, edgeText, EVIDENCE, gql, REF, type EntityRef } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import { nameOf, relationLabel, roleLabel, statusLabel, t } from '../i18n.js';
import { picker } from '../picker.js';
import { go, href, replacing } from '../router.js';
import { entityLink, errorBox, evidenceItem, loading } from '../ui.js';
import { loadGraph, type ViewContext } from '../view.js';
import type { GraphEdge } from '../graph.js';

interface PathData {
  fromEntity: EntityRef | null;
  toEntity: EntityRef | null;
  path: { length: number; nodes: EntityRef[]; edges: GraphEdge[] }[];
}
const PATH = `query PathView($from: String!, $to: String!, $maxHops: Int!) {
  fromEntity: lookup(name: $from) { ${REF} }
  toEntity: lookup(name: $to) { ${REF} }
  path(from: $from, to: $to, maxHops: $maxHops) {
    length
    nodes { ${REF} }
    edges { type from to role status capacity unit amount amountUnit label labelZh output ${EVIDENCE} }
  }
}`;
const DEFAULT_HOPS = 5;
const MAX_HOPS = 8;
const NAMES = `query PathNames($from: String!, $to: String!) { fromEntity: lookup(name: $from) { ${REF} } toEntity: lookup(name: $to) { ${REF} } }`;

function edgeWords(e: GraphEdge): string {
  const verb = (e.type === 'RELATED_TO' || e.type === 'COOPERATES_WITH') && e.label ? edgeText(e)! : relationLabel(e.type);
  const extra = [e.role ? roleLabel(e.role) : null, e.status ? statusLabel(e.status) : null, e.capacity !== null ? `${formatAmount(e.capacity)} ${e.unit ?? ''}` : null, e.amount !== null ? `${formatAmount(e.amount)} ${e.amountUnit ?? ''}` : null]
    .filter(Boolean)
    .join(' · ');
  return extra ? `${verb}（${extra}）` : verb;
}

/** #/path?from=…&to=…&maxHops=… — the shortest explained paths between two entities, drawn and listed with every edge's quote. */
export async function pathView({ el, route, alive, onDispose }: ViewContext): Promise<void> {
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  // Whatever the URL says goes to the API, which answers BAD_USER_INPUT outside 1–MAX_HOPS.
  const hopsParam = route.params.get('maxHops');
  const maxHops = hopsParam === null ? DEFAULT_HOPS : Number(hopsParam);
  const set = (changes: Record<string, string>) => go(href('path', null, { from, to, maxHops: hopsParam, ...changes }));
  const form = h('div', { class: 'chain-form' });
  const body = h('div', null);
  fill(el, h('h1', null, t('pathTitle')), form, body);
  const hopsSelect = (): HTMLElement => {
    const values = Array.from({ length: MAX_HOPS }, (_, i) => String(i + 1));
    if (!values.includes(String(maxHops))) values.unshift(String(hopsParam));
    return h(
      'label',
      { class: 'hops-field' },
      h('span', null, t('maxHops')),
      h(
        'select',
        { 'data-testid': 'path-max-hops', onchange: (event: Event) => set({ maxHops: (event.target as HTMLSelectElement).value }) },
        values.map((v) => h('option', { value: v, selected: v === String(maxHops) || v === hopsParam }, v)),
      ),
    );
  };
  const paintForm = (fromName: string, toName: string) =>
    fill(
      form,
      h('label', null, h('span', null, t('pathFrom')), picker({ placeholder: t('choose'), initial: fromName, testid: 'path-from', onPick: (hit) => set({ from: hit.id }) })),
      h('span', { class: 'form-arrow' }, '⇄'),
      h('label', null, h('span', null, t('pathTo')), picker({ placeholder: t('choose'), initial: toName, testid: 'path-to', onPick: (hit) => set({ to: hit.id }) })),
      hopsSelect(),
    );
  paintForm(from, to);
  if (!from || !to) return;
  fill(body, loading());

  let data: PathData;
  try {
    data = await gql<PathData>(PATH, { from, to, maxHops });
  } catch (error) {
    if (!alive()) return;
    // Show the chosen names even when the path itself failed.
    gql<Omit<PathData, 'path'>>(NAMES, { from, to }).then(
      (names) => alive() && paintForm(names.fromEntity ? nameOf(names.fromEntity) : from, names.toEntity ? nameOf(names.toEntity) : to),
      () => undefined,
    );
    const badInput = error instanceof ApiError && error.code === 'BAD_USER_INPUT';
    fill(
      body,
      badInput
        ? h('div', { class: 'error-box', role: 'alert', 'data-code': error.code, 'data-testid': 'path-message' }, h('strong', null, t('badHops', { max: String(MAX_HOPS) })), h('p', { class: 'muted' }, error.message))
        : errorBox(error, (c, asked) => go(replacing(route, asked, c.id))),
    );
    el.dataset.ready = 'error';
    return;
  }
  if (!alive()) return;
  const a = data.fromEntity;
  const b = data.toEntity;
  paintForm(a ? nameOf(a) : from, b ? nameOf(b) : to);
  if (!data.path.length || !a || !b) {
    fill(body, h('p', { class: 'no-path', role: 'status', 'data-testid': 'path-message' }, t('noPath', { n: String(maxHops) })));
    el.dataset.ready = 'path';
    return;
  }
  document.title = `${nameOf(a)} ⇄ ${nameOf(b)} · ${t('pathTitle')}`;
  const drawing = h('div', { class: 'graph-host' }, loading());
  fill(
    body,
    h('p', { class: 'path-summary', 'data-testid': 'path-summary' }, h('strong', null, String(data.path.length)), ` ${t('pathsFound')} `, h('strong', null, String(data.path[0].length))),
    h('section', { class: 'card' }, drawing),
    h(
      'div',
      { class: 'path-list' },
      data.path.map((p, i) =>
        h(
          'section',
          { class: 'card path', 'data-path': String(i) },
          h('h2', null, `${t('pathN')} ${i + 1}`),
          h(
            'ol',
            { class: 'hops' },
            p.nodes.map((n, j) => {
              const edge = p.edges[j];
              const forward = edge ? edge.from === n.id : true;
              return [
                h('li', { class: 'hop-node' }, entityLink(n)),
                edge
                  ? h(
                      'li',
                      { class: 'hop-edge', 'data-type': edge.type },
                      h('div', { class: 'hop-verb' }, forward ? `↓ ${edgeWords(edge)}` : `↑ ${edgeWords(edge)}`),
                      edge.sources.map(evidenceItem),
                    )
                  : null,
              ];
            }),
          ),
        ),
      ),
    ),
  );
  el.dataset.ready = 'path';
  const { drawPaths } = await loadGraph();
  if (!alive()) return;
  onDispose(drawPaths(drawing, data.path, a.id, b.id));
}
