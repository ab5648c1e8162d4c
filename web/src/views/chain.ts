import { EVIDENCE, gql, REF, type EntityRef, type Evidence } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import { altNameOf, markLabel, measureLabel, nameOf, normKind, t } from '../i18n.js';
import { picker } from '../picker.js';
import { go, href, replacing } from '../router.js';
import { downloadLinks, entityLink, errorBox, evidenceChip, HISTORY, historyList, kindBadge, layerBadge, loading, statusBadge, type Statement } from '../ui.js';
import type { ViewContext } from '../view.js';

export const DEFAULT_FROM = 'product:phosphate-rock';
export const DEFAULT_TO = 'product:nev';

interface Production {
  producer: EntityRef;
  place: EntityRef | null;
  capacity: number | null;
  output: number | null;
  measure: 'CAPACITY' | 'OUTPUT' | null;
  siteNotStated: boolean;
  unit: string | null;
  status: string;
  asOf: string | null;
  sources: Evidence[];
  origin?: string;
  history?: Statement[];
}
/** One page of a step's producers (or a gap's candidates): the API ranks and pages them. */
interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}
type LocalProduction = { producer: { id: string }; place: { id: string } | null; status: string };
interface Step {
  product: EntityRef;
  inputs: { id: string }[];
  producers: Connection<Production>;
}
interface ChainData {
  fromProduct: EntityRef | null;
  toProduct: EntityRef | null;
  supplyChain: { steps: Step[] };
  local?: { steps: { product: { id: string }; producers: Connection<LocalProduction> }[] };
  chainGaps?: { product: { id: string }; candidates: Connection<Production> }[];
  placeEntity?: EntityRef | null;
}

const PRODUCTION = `producer { ${REF} } place { ${REF} } siteNotStated measure capacity output unit status asOf origin ${HISTORY} ${EVIDENCE}`;
/** Producers per step and page (10: the curated steps have at most 4, and the cost budget charges every one; see docs/limits.md), so the curated chains show whole; a longer list gets "show more". */
const PAGE = 10;
const page = (fields: string) => `totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } }`;
const LOCAL = 'producer { id } place { id } status';
export const CHAIN = `query Chain($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {
  fromProduct: lookup(name: $from, kind: PRODUCT) { ${REF} }
  toProduct: lookup(name: $to, kind: PRODUCT) { ${REF} }
  supplyChain(from: $from, to: $to) { steps { product { ${REF} } inputs { id } producers(first: ${PAGE}) { ${page(PRODUCTION)} } } }
  local: supplyChain(from: $from, to: $to, within: $place) @include(if: $withPlace) { steps { product { id } producers(first: ${PAGE}) { ${page(LOCAL)} } } }
  chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) { product { id } candidates(first: ${PAGE}) { ${page(PRODUCTION)} } }
  placeEntity: lookup(name: $place, kind: PLACE) @include(if: $withPlace) { ${REF} }
}`;
/** The next page of one step's producers: the chain from the step to itself is that step alone. The local page uses the same cursor (same ranking). */
const MORE_PRODUCERS = `query MoreProducers($step: String!, $after: String!, $place: String!, $withPlace: Boolean!) {
  supplyChain(from: $step, to: $step) { steps { producers(first: ${PAGE}, after: $after) { ${page(PRODUCTION)} } } }
  local: supplyChain(from: $step, to: $step, within: $place) @include(if: $withPlace) { steps { producers(first: ${PAGE}, after: $after) { ${page(LOCAL)} } } }
}`;
const MORE_CANDIDATES = `query MoreCandidates($step: String!, $after: String!, $place: String!) {
  chainGaps(place: $place, from: $step, to: $step) { candidates(first: ${PAGE}, after: $after) { ${page(PRODUCTION)} } }
}`;

export const NAME = `query Name($name: String!, $kind: EntityKind) { lookup(name: $name, kind: $kind) { ${REF} } }`;
/** The entity's name in the current language, or the text itself when it does not resolve. */
const displayName = (name: string, kind: string): Promise<string> =>
  gql<{ lookup: EntityRef | null }>(NAME, { name, kind }).then(
    (d) => (d.lookup ? nameOf(d.lookup) : name),
    () => name,
  );

const PIN = () => h('span', { class: 'pin', 'aria-hidden': 'true' });

const producerKey = (p: { producer: { id: string }; place: { id: string } | null }, product: string) => `${product}|${p.producer.id}|${p.place?.id ?? ''}`;
const nodes = <T>(c: Connection<T> | undefined): T[] => c?.edges.map((e) => e.node) ?? [];

/**
 * The list of a page's items and, when the API holds more, a "show more (+N)" button that appends the
 * next page (`next` fetches it after a cursor) until none is left.
 */
function pagedList(cls: string, first: Connection<Production>, item: (p: Production) => Node, next: (after: string) => Promise<Connection<Production>>): Node[] {
  const list = h('ul', { class: cls }, nodes(first).map(item));
  let shown = first.edges.length;
  let cursor = first.pageInfo.endCursor;
  const button = h('button', { type: 'button', class: 'small more-producers' });
  const label = () => fill(button, `${t('showMore')} (+${first.totalCount - shown})`);
  label();
  button.onclick = async () => {
    button.setAttribute('disabled', '');
    try {
      const more = await next(cursor!);
      list.append(...nodes(more).map(item));
      shown += more.edges.length;
      cursor = more.pageInfo.endCursor;
      if (more.pageInfo.hasNextPage) label();
      else button.remove();
    } finally {
      button.removeAttribute('disabled');
    }
  };
  return first.pageInfo.hasNextPage ? [list, button] : [list];
}

function producerItem(p: Production, product: string, local: boolean): HTMLElement {
  const firm = normKind(p.producer.kind) === 'FIRM';
  // A capacity (产能) or an output over its period (产量), named as such: the two are never mixed.
  const figure = p.capacity ?? p.output;
  const figures = [figure !== null && p.measure ? `${measureLabel(p.measure.toLowerCase())} ${formatAmount(figure)} ${p.unit ?? ''}`.trim() : null, p.asOf ? `(${p.asOf})` : null].filter(Boolean).join(' ');
  return h(
    'li',
    { class: `producer status-${p.status}${local ? ' local' : ''}`, 'data-producer': p.producer.id, 'data-kind': normKind(p.producer.kind), 'data-product': product, 'data-status': p.status, 'data-local': local ? 'true' : null },
    // Most producers are firms; a place (a county's shipments) or a project (planned capacity) says what it is.
    h('div', { class: 'producer-name' }, firm ? null : [kindBadge(p.producer.kind), ' '], entityLink(p.producer, { dot: firm }), evidenceChip(p.sources)),
    h(
      'div',
      { class: 'producer-meta' },
      p.place && p.place.id !== p.producer.id ? h('a', { class: 'place', href: href('place', p.place.id), 'data-place': p.place.id }, PIN(), nameOf(p.place)) : null,
      p.siteNotStated ? h('span', { class: 'muted site-not-stated' }, markLabel('siteNotStated')) : null,
      figures ? h('span', { class: 'capacity' }, figures) : null,
      statusBadge(p.status),
      local ? h('span', { class: 'local-tag' }, t('local')) : null,
      layerBadge(p.origin),
    ),
    historyList(p.history),
  );
}

/** #/chain?from=…&to=…&place=… — the steps as columns, producers under each, the place's gaps highlighted. */
export async function chainView({ el, route, alive }: ViewContext): Promise<void> {
  const from = route.params.get('from') || DEFAULT_FROM;
  const to = route.params.get('to') || DEFAULT_TO;
  const place = route.params.get('place') || '';
  const set = (changes: Record<string, string | null>) => go(href('chain', null, { from, to, place, ...changes }));

  const form = h('div', { class: 'chain-form' });
  const body = h('div', { class: 'chain-body' }, loading());
  fill(el, h('h1', null, t('chainTitle')), form, body);
  el.dataset.ready = 'loading';

  let data: ChainData;
  try {
    data = await gql<ChainData>(CHAIN, { from, to, place, withPlace: Boolean(place) });
  } catch (error) {
    if (!alive()) return;
    paintForm(form, { from, to, place, fromName: from, toName: to, placeName: place }, set);
    fill(body, errorBox(error, (c, asked) => go(replacing(route, asked, c.id))));
    // The names that do resolve still show as names in the form.
    Promise.all([displayName(from, 'PRODUCT'), displayName(to, 'PRODUCT'), place ? displayName(place, 'PLACE') : '']).then(
      ([fromName, toName, placeName]) => alive() && paintForm(form, { from, to, place, fromName, toName, placeName }, set),
    );
    el.dataset.ready = 'error';
    return;
  }
  if (!alive()) return;
  const steps = data.supplyChain.steps;
  const placeEntity = data.placeEntity ?? null;
  paintForm(
    form,
    {
      from,
      to,
      place,
      fromName: data.fromProduct ? nameOf(data.fromProduct) : from,
      toName: data.toProduct ? nameOf(data.toProduct) : to,
      placeName: placeEntity ? nameOf(placeEntity) : place,
    },
    set,
  );
  document.title = `${data.fromProduct ? nameOf(data.fromProduct) : from} → ${data.toProduct ? nameOf(data.toProduct) : to} · ${t('chainTitle')}`;

  const localKeys = new Set((data.local?.steps ?? []).flatMap((s) => nodes(s.producers).map((p) => producerKey(p, s.product.id))));
  const gaps = new Map((data.chainGaps ?? []).map((g) => [g.product.id, g.candidates]));
  const producerCount = steps.reduce((n, s) => n + s.producers.totalCount, 0);

  const placesSeen = new Map<string, EntityRef>();
  steps.forEach((s) => nodes(s.producers).forEach((p) => p.place && placesSeen.set(p.place.id, p.place)));
  const moreProducers = async (step: string, after: string) => {
    const more = await gql<{ supplyChain: { steps: Step[] }; local?: { steps: { producers: Connection<LocalProduction> }[] } }>(MORE_PRODUCERS, { step, after, place, withPlace: Boolean(place) });
    for (const p of nodes(more.local?.steps[0]?.producers)) localKeys.add(producerKey(p, step));
    return more.supplyChain.steps[0].producers;
  };
  const moreCandidates = async (step: string, after: string) =>
    (await gql<{ chainGaps: { candidates: Connection<Production> }[] }>(MORE_CANDIDATES, { step, after, place })).chainGaps[0].candidates;

  const summary = h(
    'div',
    { class: 'chain-summary' },
    h('span', null, h('strong', null, String(steps.length)), ` ${t('steps')} · `, h('strong', null, String(producerCount)), ` ${t('producersWord')}`),
    placeEntity
      ? h(
          'span',
          { class: gaps.size ? 'gap-summary' : 'ok-summary', 'data-testid': 'gap-summary', 'data-gaps': String(gaps.size) },
          gaps.size ? [`${nameOf(placeEntity)}：`, h('strong', null, String(gaps.size)), ` ${t('gapSummary')}`] : `${nameOf(placeEntity)}：${t('noGaps')}`,
        )
      : placesSeen.size
        ? h(
            'span',
            { class: 'place-chips' },
            `${t('chainPlace')}：`,
            [...placesSeen.values()].map((p) => h('button', { type: 'button', class: 'chip', onclick: () => set({ place: p.id }) }, nameOf(p))),
          )
        : null,
  );
  const legend = h(
    'div',
    { class: 'chain-legend' },
    h('span', { class: 'producer-swatch status-operating' }, t('legendOperating')),
    h('span', { class: 'producer-swatch status-planned' }, t('legendPlanned')),
    h('span', { class: 'producer-swatch status-under_construction' }, t('legendBuilding')),
    placeEntity ? h('span', { class: 'gap-swatch' }, t('gap')) : null,
    placeEntity ? h('span', { class: 'local-swatch' }, t('local')) : null,
  );

  const columns: HTMLElement[] = [];
  steps.forEach((step, i) => {
    const id = step.product.id;
    const previous = steps[i - 1]?.product.id;
    const otherInputs = step.inputs.filter((inp) => inp.id !== previous);
    const isGap = gaps.has(id);
    const candidates = gaps.get(id);
    if (i) columns.push(h('div', { class: 'chain-arrow', 'aria-hidden': 'true' }, '→'));
    columns.push(
      h(
        'section',
        { class: `step${isGap ? ' gap' : ''}${placeEntity && !isGap ? ' covered' : ''}`, 'data-step': id, 'data-gap': placeEntity ? String(isGap) : null },
        h(
          'header',
          { class: 'step-head' },
          h('span', { class: 'step-no' }, String(i + 1)),
          h('div', null, h('h2', null, h('a', { href: href('entity', id) }, nameOf(step.product))), altNameOf(step.product) ? h('div', { class: 'alt' }, altNameOf(step.product)!) : null),
        ),
        otherInputs.length
          ? h('p', { class: 'inputs muted' }, t('inputsFrom'), otherInputs.map((inp, j) => [j ? '、' : '', nameOf(steps.find((s) => s.product.id === inp.id)?.product ?? { name: inp.id })]))
          : null,
        placeEntity ? h('div', { class: isGap ? 'gap-flag' : 'ok-flag' }, isGap ? `⚠ ${t('gapFlag', { place: nameOf(placeEntity) })}` : `✓ ${t('localOk')}`) : null,
        step.producers.edges.length
          ? pagedList('producers', step.producers, (p) => producerItem(p, id, localKeys.has(producerKey(p, id))), (after) => moreProducers(id, after))
          : h('p', { class: 'no-producer muted' }, t('noProducer')),
        isGap
          ? h(
              'div',
              { class: 'candidates-block', 'data-candidates': id },
              h('h3', null, t('candidates')),
              candidates?.edges.length
                ? pagedList('producers compact', candidates, (p) => producerItem(p, id, false), (after) => moreCandidates(id, after))
                : h('p', { class: 'muted' }, t('noCandidates')),
            )
          : null,
      ),
    );
  });

  const query = (f: string) => `/export/chain?${new URLSearchParams({ from, to, ...(place ? { place } : {}), format: f })}`;
  fill(body, summary, legend, h('p', { class: 'table-tools' }, downloadLinks('download-chain', ['csv', 'graphml', 'jsonld'], query)), h('div', { class: 'chain', 'data-testid': 'chain' }, columns));
  el.dataset.ready = 'chain';
  el.dataset.place = placeEntity?.id ?? '';
  const w = window as unknown as { __chainDrawnAt?: number };
  w.__chainDrawnAt = performance.now();
  performance.mark('chain-drawn');
}

interface FormState {
  from: string;
  to: string;
  place: string;
  fromName: string;
  toName: string;
  placeName: string;
}

function paintForm(form: HTMLElement, s: FormState, set: (changes: Record<string, string | null>) => void): void {
  fill(
    form,
    h('label', null, h('span', null, t('chainFrom')), picker({ kinds: ['PRODUCT'], placeholder: t('choose'), initial: s.fromName, testid: 'chain-from', onPick: (hit) => set({ from: hit.id }) })),
    h('span', { class: 'form-arrow' }, '→'),
    h('label', null, h('span', null, t('chainTo')), picker({ kinds: ['PRODUCT'], placeholder: t('choose'), initial: s.toName, testid: 'chain-to', onPick: (hit) => set({ to: hit.id }) })),
    h(
      'label',
      { class: 'place-field' },
      h('span', null, t('chainPlace')),
      h(
        'div',
        { class: 'with-clear' },
        picker({ kinds: ['PLACE'], placeholder: t('choose'), initial: s.place ? s.placeName : '', testid: 'chain-place', onPick: (hit) => set({ place: hit.id }) }),
        s.place ? h('button', { type: 'button', class: 'small', onclick: () => set({ place: null }) }, t('clear')) : null,
      ),
    ),
  );
}
