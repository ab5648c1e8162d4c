import { ApiError, gql } from '../api.js';
import { h, fill } from '../dom.js';
import { edgeSentence } from '../edges.js';
import type { PathViewQuery } from '../generated/graphql.js';
import { nameOf, t } from '../i18n.js';
import { PATH, PATH_NAMES } from '../operations.js';
import { picker } from '../picker.js';
import { go, href, replacing } from '../router.js';
import { entityLink, errorBox, evidenceItem, loading } from '../ui.js';
import { loadGraph, type ViewContext } from '../view.js';

type Path = PathViewQuery['path'][number];
const DEFAULT_HOPS = 5;
const MAX_HOPS = 8;

/** The URL's choices: the two ends and the hop limit (whatever the URL says goes to the API, which answers BAD_USER_INPUT outside 1–MAX_HOPS). */
interface PathChoice {
  from: string;
  to: string;
  hopsParam: string | null;
  maxHops: number;
  set(changes: Record<string, string>): void;
}

function hopsSelect(c: PathChoice): HTMLElement {
  const values = Array.from({ length: MAX_HOPS }, (_, i) => String(i + 1));
  if (!values.includes(String(c.maxHops))) values.unshift(String(c.hopsParam));
  return h(
    'label',
    { class: 'hops-field' },
    h('span', null, t('maxHops')),
    h(
      'select',
      { 'data-testid': 'path-max-hops', onchange: (event: Event) => c.set({ maxHops: (event.target as HTMLSelectElement).value }) },
      values.map((v) => h('option', { value: v, selected: v === String(c.maxHops) || v === c.hopsParam }, v)),
    ),
  );
}

function paintForm(form: HTMLElement, c: PathChoice, fromName: string, toName: string): void {
  fill(
    form,
    h('label', null, h('span', null, t('pathFrom')), picker({ placeholder: t('choose'), initial: fromName, testid: 'path-from', onPick: (hit) => c.set({ from: hit.id }) })),
    h('span', { class: 'form-arrow' }, '⇄'),
    h('label', null, h('span', null, t('pathTo')), picker({ placeholder: t('choose'), initial: toName, testid: 'path-to', onPick: (hit) => c.set({ to: hit.id }) })),
    hopsSelect(c),
  );
}

/** A hop limit out of range is said as such; anything else (a name not found …) as the API's error. */
function failure(error: unknown, view: ViewContext): HTMLElement {
  if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
    return h('div', { class: 'error-box', role: 'alert', 'data-code': error.code, 'data-testid': 'path-message' }, h('strong', null, t('badHops', { max: String(MAX_HOPS) })), h('p', { class: 'muted' }, error.message));
  }
  return errorBox(error, (c, asked) => go(replacing(view.route, asked, c.id)));
}

/** One path as a list: entity, the edge's words and quotes, entity, … */
function pathCard(p: Path, i: number): HTMLElement {
  return h(
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
          edge ? h('li', { class: 'hop-edge', 'data-type': edge.type }, h('div', { class: 'hop-verb' }, `${forward ? '↓' : '↑'} ${edgeSentence(edge)}`), edge.sources.map(evidenceItem)) : null,
        ];
      }),
    ),
  );
}

/** #/path?from=…&to=…&maxHops=… — the shortest explained paths between two entities, drawn and listed with every edge's quote. */
export async function pathView(view: ViewContext): Promise<void> {
  const { el, route, alive, onDispose } = view;
  const from = route.params.get('from') ?? '';
  const to = route.params.get('to') ?? '';
  const hopsParam = route.params.get('maxHops');
  const choice: PathChoice = {
    from,
    to,
    hopsParam,
    maxHops: hopsParam === null ? DEFAULT_HOPS : Number(hopsParam),
    set: (changes) => go(href('path', null, { from, to, maxHops: hopsParam, ...changes })),
  };
  const { maxHops } = choice;
  const form = h('div', { class: 'chain-form' });
  const body = h('div', null);
  fill(el, h('h1', null, t('pathTitle')), form, body);
  paintForm(form, choice, from, to);
  if (!from || !to) return;
  fill(body, loading());

  let data: PathViewQuery;
  try {
    data = await gql(PATH, { from, to, maxHops });
  } catch (error) {
    if (!alive()) return;
    // Show the chosen names even when the path itself failed.
    gql(PATH_NAMES, { from, to }).then(
      (names) => alive() && paintForm(form, choice, names.fromEntity ? nameOf(names.fromEntity) : from, names.toEntity ? nameOf(names.toEntity) : to),
      () => undefined,
    );
    fill(body, failure(error, view));
    el.dataset.ready = 'error';
    return;
  }
  if (!alive()) return;
  const a = data.fromEntity;
  const b = data.toEntity;
  paintForm(form, choice, a ? nameOf(a) : from, b ? nameOf(b) : to);
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
      data.path.map(pathCard),
    ),
  );
  el.dataset.ready = 'path';
  const { drawPaths } = await loadGraph();
  if (!alive()) return;
  onDispose(drawPaths(drawing, data.path, a.id, b.id));
}
