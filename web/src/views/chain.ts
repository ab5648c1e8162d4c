import { gql, type EntityRef, type Statement } from '../api.js';
import { formatAmount, h, fill, type Child } from '../dom.js';
import type { ChainQuery, ChainQueryVariables, ProductionFieldsFragment, ProductionPageFragment } from '../generated/graphql.js';
import { altNameOf, markLabel, measureLabel, nameOf, t } from '../i18n.js';
import { CHAIN, CHAIN_HISTORY, MORE_CANDIDATES, MORE_PRODUCERS, NAME } from '../operations.js';
import { picker } from '../picker.js';
import { go, href, replacing } from '../router.js';
import { downloadLinks, entityLink, errorBox, evidenceChip, kindBadge, layerBadge, lazyHistoryList, loading, statusBadge } from '../ui.js';
import type { ViewContext } from '../view.js';

export const DEFAULT_FROM = 'product:phosphate-rock';
export const DEFAULT_TO = 'product:nev';

type Production = ProductionFieldsFragment;
type Page = ProductionPageFragment;
type Step = ChainQuery['supplyChain']['steps'][number];
const nodes = <T>(page: { edges: { node: T }[] } | null | undefined): T[] => page?.edges.map((e) => e.node) ?? [];
type SetParams = (changes: Record<string, string | null>) => void;

/** What the steps are drawn with: the place asked about, its gaps and local producers, and the statements behind each production. */
interface ChainContext {
  placeEntity: EntityRef | null;
  gaps: Map<string, Page>;
  localKeys: Set<string>;
  history: (product: string, p: Production) => Promise<Statement[]>;
  /** The next page of a step's producers, or of a gap's candidates, after a cursor. */
  more: (product: string, after: string) => Promise<Page>;
  moreCandidates: (product: string, after: string) => Promise<Page>;
}

/** The entity's name in the current language, or the text itself when it does not resolve. */
const displayName = (name: string, kind: 'PRODUCT' | 'PLACE'): Promise<string> =>
  gql(NAME, { name, kind }).then(
    (d) => (d.lookup ? nameOf(d.lookup) : name),
    () => name,
  );

const PIN = () => h('span', { class: 'pin', 'aria-hidden': 'true' });

const producerKey = (p: { producer: { id: string }; place: { id: string } | null }, product: string) => `${product}|${p.producer.id}|${p.place?.id ?? ''}`;

/** The statements of every production on the chain, by producer key: one query, asked for when a history is first opened. */
function chainHistories(variables: ChainQueryVariables): () => Promise<Map<string, Statement[]>> {
  return () =>
    gql(CHAIN_HISTORY, variables).then((d) => {
      const byKey = new Map<string, Statement[]>();
      d.supplyChain.steps.forEach((s) => nodes(s.producers).forEach((p) => byKey.set(producerKey(p, s.product.id), p.history)));
      d.chainGaps?.forEach((g) => nodes(g.candidates).forEach((p) => byKey.set(producerKey(p, g.product.id), p.history)));
      return byKey;
    });
}

/** A capacity (产能) or an output over its period (产量), named as such: the two are never mixed. */
function figuresOf(p: Production): string {
  const figure = p.capacity ?? p.output;
  return [figure !== null && p.measure ? `${measureLabel(p.measure.toLowerCase())} ${formatAmount(figure)} ${p.unit ?? ''}`.trim() : null, p.asOf ? `(${p.asOf})` : null].filter(Boolean).join(' ');
}

function producerMeta(p: Production, local: boolean): HTMLElement {
  const figures = figuresOf(p);
  return h(
    'div',
    { class: 'producer-meta' },
    p.place && p.place.id !== p.producer.id ? h('a', { class: 'place', href: href('place', p.place.id), 'data-place': p.place.id }, PIN(), nameOf(p.place)) : null,
    p.siteNotStated ? h('span', { class: 'muted site-not-stated' }, markLabel('siteNotStated')) : null,
    figures ? h('span', { class: 'capacity' }, figures) : null,
    statusBadge(p.status),
    local ? h('span', { class: 'local-tag' }, t('local')) : null,
    layerBadge(p.origin),
  );
}

function producerItem(p: Production, product: string, local: boolean, ctx: ChainContext): HTMLElement {
  const firm = p.producer.kind === 'FIRM';
  return h(
    'li',
    { class: `producer status-${p.status}${local ? ' local' : ''}`, 'data-producer': p.producer.id, 'data-kind': p.producer.kind, 'data-product': product, 'data-status': p.status, 'data-local': local ? 'true' : null },
    // Most producers are firms; a place (a county's shipments) or a project (planned capacity) says what it is.
    h('div', { class: 'producer-name' }, firm ? null : [kindBadge(p.producer.kind), ' '], entityLink(p.producer, { dot: firm }), evidenceChip(p.sources)),
    producerMeta(p, local),
    // Only a contributed statement can have others beside it (a seeded fact has one): its history is asked for when opened.
    p.origin === 'CONTRIB' ? lazyHistoryList(() => ctx.history(product, p)) : null,
  );
}

function chainSummary(steps: Step[], ctx: ChainContext, set: SetParams): HTMLElement {
  const { placeEntity, gaps } = ctx;
  const producerCount = steps.reduce((n, s) => n + s.producers.totalCount, 0);
  const placesSeen = new Map<string, EntityRef>();
  steps.forEach((s) => nodes(s.producers).forEach((p) => p.place && placesSeen.set(p.place.id, p.place)));
  return h(
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
}

const chainLegend = (placeEntity: EntityRef | null): HTMLElement =>
  h(
    'div',
    { class: 'chain-legend' },
    h('span', { class: 'producer-swatch status-operating' }, t('legendOperating')),
    h('span', { class: 'producer-swatch status-planned' }, t('legendPlanned')),
    h('span', { class: 'producer-swatch status-under_construction' }, t('legendBuilding')),
    placeEntity ? h('span', { class: 'gap-swatch' }, t('gap')) : null,
    placeEntity ? h('span', { class: 'local-swatch' }, t('local')) : null,
  );

function stepHead(step: Step, i: number, steps: Step[]): Child[] {
  const id = step.product.id;
  const previous = steps[i - 1]?.product.id;
  const otherInputs = step.inputs.filter((inp) => inp.id !== previous);
  return [
    h(
      'header',
      { class: 'step-head' },
      h('span', { class: 'step-no' }, String(i + 1)),
      h('div', null, h('h2', null, h('a', { href: href('entity', id) }, nameOf(step.product))), altNameOf(step.product) ? h('div', { class: 'alt' }, altNameOf(step.product)!) : null),
    ),
    otherInputs.length
      ? h('p', { class: 'inputs muted' }, t('inputsFrom'), otherInputs.map((inp, j) => [j ? '、' : '', nameOf(steps.find((s) => s.product.id === inp.id)?.product ?? { name: inp.id })]))
      : null,
  ];
}

/**
 * A page's producers and, when the API holds more, a "show more (+N)" button that appends the next
 * page (`next` fetches it after a cursor) until none is left.
 */
function pagedList(cls: string, first: Page, item: (p: Production) => Node, next: (after: string) => Promise<Page>): Child[] {
  const list = h('ul', { class: cls }, nodes(first).map(item));
  if (!first.pageInfo.hasNextPage) return [list];
  let shown = first.edges.length;
  let cursor = first.pageInfo.endCursor!;
  const button = h('button', { type: 'button', class: 'small more-producers' });
  const label = () => fill(button, `${t('showMore')} (+${first.totalCount - shown})`);
  label();
  button.onclick = async () => {
    button.setAttribute('disabled', '');
    try {
      const more = await next(cursor);
      list.append(...nodes(more).map(item));
      shown += more.edges.length;
      cursor = more.pageInfo.endCursor!;
      if (more.pageInfo.hasNextPage) label();
      else button.remove();
    } finally {
      button.removeAttribute('disabled');
    }
  };
  return [list, button];
}

/** The producers elsewhere a place could turn to for a step it lacks. */
function candidatesBlock(product: string, candidates: Page | undefined, ctx: ChainContext): HTMLElement {
  return h(
    'div',
    { class: 'candidates-block', 'data-candidates': product },
    h('h3', null, t('candidates')),
    candidates?.edges.length
      ? pagedList('producers compact', candidates, (p) => producerItem(p, product, false, ctx), (after) => ctx.moreCandidates(product, after))
      : h('p', { class: 'muted' }, t('noCandidates')),
  );
}

function stepColumn(step: Step, i: number, steps: Step[], ctx: ChainContext): HTMLElement {
  const id = step.product.id;
  const { placeEntity } = ctx;
  const isGap = ctx.gaps.has(id);
  return h(
    'section',
    { class: `step${isGap ? ' gap' : ''}${placeEntity && !isGap ? ' covered' : ''}`, 'data-step': id, 'data-gap': placeEntity ? String(isGap) : null },
    stepHead(step, i, steps),
    placeEntity ? h('div', { class: isGap ? 'gap-flag' : 'ok-flag' }, isGap ? `⚠ ${t('gapFlag', { place: nameOf(placeEntity) })}` : `✓ ${t('localOk')}`) : null,
    step.producers.edges.length
      ? pagedList('producers', step.producers, (p) => producerItem(p, id, ctx.localKeys.has(producerKey(p, id)), ctx), (after) => ctx.more(id, after))
      : h('p', { class: 'no-producer muted' }, t('noProducer')),
    isGap ? candidatesBlock(id, ctx.gaps.get(id), ctx) : null,
  );
}

/** The steps as columns with arrows between them. */
const stepColumns = (steps: Step[], ctx: ChainContext): Child[] =>
  steps.map((step, i) => [i ? h('div', { class: 'chain-arrow', 'aria-hidden': 'true' }, '→') : null, stepColumn(step, i, steps, ctx)]);

function chainContext(data: ChainQuery, variables: ChainQueryVariables): ChainContext {
  const histories = chainHistories(variables);
  const localKeys = new Set((data.local?.steps ?? []).flatMap((s) => nodes(s.producers).map((p) => producerKey(p, s.product.id))));
  const { place, withPlace } = variables;
  return {
    placeEntity: data.placeEntity ?? null,
    gaps: new Map((data.chainGaps ?? []).map((g) => [g.product.id, g.candidates])),
    localKeys,
    history: async (product, p) => (await histories()).get(producerKey(p, product)) ?? [],
    more: async (step, after) => {
      const d = await gql(MORE_PRODUCERS, { step, after, place, withPlace });
      nodes(d.local?.steps[0]?.producers).forEach((p) => localKeys.add(producerKey(p, step)));
      return d.supplyChain.steps[0].producers;
    },
    moreCandidates: async (step, after) => (await gql(MORE_CANDIDATES, { step, after, place })).chainGaps[0].candidates,
  };
}

/** The form shows names, not ids; where the chain failed, the names that do resolve still show. */
function paintFailure(form: HTMLElement, body: HTMLElement, error: unknown, s: Pick<FormState, 'from' | 'to' | 'place'>, ctx: ViewContext, set: SetParams): void {
  paintForm(form, { ...s, fromName: s.from, toName: s.to, placeName: s.place }, set);
  fill(body, errorBox(error, (c, asked) => go(replacing(ctx.route, asked, c.id))));
  Promise.all([displayName(s.from, 'PRODUCT'), displayName(s.to, 'PRODUCT'), s.place ? displayName(s.place, 'PLACE') : '']).then(
    ([fromName, toName, placeName]) => ctx.alive() && paintForm(form, { ...s, fromName, toName, placeName }, set),
  );
}

/** #/chain?from=…&to=…&place=… — the steps as columns, producers under each, the place's gaps highlighted. */
export async function chainView(view: ViewContext): Promise<void> {
  const { el, route, alive } = view;
  const from = route.params.get('from') || DEFAULT_FROM;
  const to = route.params.get('to') || DEFAULT_TO;
  const place = route.params.get('place') || '';
  const set: SetParams = (changes) => go(href('chain', null, { from, to, place, ...changes }));

  const form = h('div', { class: 'chain-form' });
  const body = h('div', { class: 'chain-body' }, loading());
  fill(el, h('h1', null, t('chainTitle')), form, body);
  el.dataset.ready = 'loading';

  const variables: ChainQueryVariables = { from, to, place, withPlace: Boolean(place) };
  let data: ChainQuery;
  try {
    data = await gql(CHAIN, variables);
  } catch (error) {
    if (!alive()) return;
    paintFailure(form, body, error, { from, to, place }, view, set);
    el.dataset.ready = 'error';
    return;
  }
  if (!alive()) return;
  const ctx = chainContext(data, variables);
  const fromName = data.fromProduct ? nameOf(data.fromProduct) : from;
  const toName = data.toProduct ? nameOf(data.toProduct) : to;
  paintForm(form, { from, to, place, fromName, toName, placeName: ctx.placeEntity ? nameOf(ctx.placeEntity) : place }, set);
  document.title = `${fromName} → ${toName} · ${t('chainTitle')}`;

  const steps = data.supplyChain.steps;
  const query = (f: string) => `/export/chain?${new URLSearchParams({ from, to, ...(place ? { place } : {}), format: f })}`;
  fill(
    body,
    chainSummary(steps, ctx, set),
    chainLegend(ctx.placeEntity),
    h('p', { class: 'table-tools' }, downloadLinks('download-chain', ['csv', 'graphml', 'jsonld'], query)),
    h('div', { class: 'chain', 'data-testid': 'chain' }, stepColumns(steps, ctx)),
  );
  el.dataset.ready = 'chain';
  el.dataset.place = ctx.placeEntity?.id ?? '';
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

function paintForm(form: HTMLElement, s: FormState, set: SetParams): void {
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
