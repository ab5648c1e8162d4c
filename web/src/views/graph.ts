import { gql, type EntityRef } from '../api.js';
import { h, fill } from '../dom.js';
import { altNameOf, nameOf, t } from '../i18n.js';
import { LOOKUP } from '../operations.js';
import { entityHref, go, href, paramsOf } from '../router.js';
import { errorBox, kindBadge, loading } from '../ui.js';
import { loadGraph, type ViewContext } from '../view.js';

/** #/graph/<id>?depth=1&limit=60 — the neighbourhood of one entity, full width. */
export async function graphView({ el, route, alive, onDispose }: ViewContext): Promise<void> {
  const name = route.arg ?? 'place:guizhou';
  const depth = clamp(Number(route.params.get('depth') ?? 1), 1, 3);
  const limit = clamp(Number(route.params.get('limit') ?? 60), 1, 500);
  fill(el, loading());
  const [graphModule, centre] = await Promise.all([
    loadGraph(),
    gql(LOOKUP, { name }).then((d) => d.lookup, (error: unknown) => error),
  ]);
  if (!alive()) return;
  if (!centre || centre instanceof Error) return fill(el, errorBox(centre ?? new Error(`${t('errNotFound')}: ${name}`), (c) => go(href('graph', c.id, { depth: String(depth) }))));
  const c = centre as EntityRef;
  document.title = `${nameOf(c)} · ${t('neighbourhood')}`;
  const host = h('div', { class: 'graph-host', 'data-centre': c.id });
  const depthSelect = h(
    'select',
    { 'aria-label': t('depth'), onchange: (event: Event) => go(href('graph', c.id, { ...paramsOf(route), depth: (event.target as HTMLSelectElement).value })) },
    [1, 2, 3].map((d) => h('option', { value: String(d), selected: d === depth }, `${t('depth')} ${d}`)),
  );
  fill(
    el,
    h(
      'header',
      { class: 'entity-head compact' },
      h('div', { class: 'kind-line' }, kindBadge(c.kind), h('span', { class: 'muted' }, ` ${t('neighbourhood')}`)),
      h('h1', null, h('a', { href: entityHref(c) }, nameOf(c)), altNameOf(c) ? h('span', { class: 'alt-name inline' }, ` ${altNameOf(c)}`) : null),
      h('div', { class: 'controls' }, depthSelect),
    ),
    h('section', { class: 'card' }, host),
  );
  onDispose(await graphModule.mountNeighbourhood(host, c.id, { depth, limit, tall: true }));
}

const clamp = (n: number, lo: number, hi: number): number => (Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n))) : lo);
