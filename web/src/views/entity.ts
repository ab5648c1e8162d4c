import { gql } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import { edgeDetails, edgeVerb } from '../edges.js';
import type { EntityQuery, EntityRelationFragment, EntityRelationPageFragment, FactFieldsFragment } from '../generated/graphql.js';
import { altNameOf, localized, measureLabel, nameOf, placeKindLabel, t } from '../i18n.js';
import { ENTITY, MORE_RELATIONS } from '../operations.js';
import { href } from '../router.js';
import { entityLink, errorBox, evidenceChip, evidenceItem, historyList, kindBadge, layerBadge, loading, section, statusBadge } from '../ui.js';
import { loadGraph, type ViewContext } from '../view.js';

export type Fact = FactFieldsFragment;
type EntityDetails = NonNullable<EntityQuery['lookup']>;
type Relation = EntityRelationFragment;
type RelationPage = EntityRelationPageFragment;
/** The fields only some kinds have (a place's kind, a policy's or project's status and figures). */
type KindFields = { placeKind?: string; status?: string | null; investment?: Money | null; annualOutput?: Money | null };
type Money = { amount: number; unit: string };

/** Facts as a table: label, figure, period, status, evidence. */
export function factsTable(facts: Fact[]): HTMLElement {
  if (!facts.length) return h('p', { class: 'muted' }, t('noFacts'));
  return h(
    'table',
    { class: 'facts' },
    h('tbody', null,
      facts.map((f) =>
        h(
          'tr',
          { class: `fact fact-${f.status}` },
          h('th', null, localized(f.label, f.labelZh), f.measure ? h('span', { class: 'muted' }, ` · ${measureLabel(f.measure)}`) : null),
          h('td', { class: 'num' }, h('strong', null, formatAmount(f.amount)), ` ${f.unit}`),
          h('td', { class: 'muted' }, f.period ?? ''),
          h('td', null, statusBadge(f.status)),
          h('td', null, evidenceChip([f.source])),
        ),
      ),
    ),
  );
}

/** One relation as a sentence from this entity's side: → verb other, or other verb ← this entity. */
function relationRow(self: string, r: Relation): HTMLElement {
  const outgoing = r.fromEntity.id === self;
  const other = outgoing ? r.toEntity : r.fromEntity;
  const verb = h('span', { class: 'verb' }, edgeVerb(r));
  return h(
    'tr',
    { 'data-type': r.type, 'data-other': other.id, 'data-layer': r.origin },
    h('td', { class: 'dir' }, outgoing ? '→' : '←'),
    h('td', { class: 'sentence' }, outgoing ? [verb, ' ', entityLink(other)] : [entityLink(other), ' ', verb, ' ', h('span', { class: 'muted' }, t('thisEntity'))]),
    // The status is the badge beside it.
    h('td', { class: 'muted' }, edgeDetails(r, { status: false }).join(' · '), historyList(r.history)),
    h('td', null, statusBadge(r.status)),
    h('td', null, evidenceChip(r.sources), layerBadge(r.origin)),
  );
}

/**
 * The relations a page at a time, in the API's order (outgoing first, then by type: the order of
 * Entity.relationsConnection), and while the API holds more, a "show more (+N)" button that appends
 * the next page.
 */
function relationsTable(self: string, first: RelationPage): HTMLElement[] {
  if (!first.edges.length) return [h('p', { class: 'muted' }, t('noRelations'))];
  const body = h('tbody', null, first.edges.map((e) => relationRow(self, e.node)));
  const table = h('table', { class: 'relations', 'data-total': String(first.totalCount) }, body);
  if (!first.pageInfo.hasNextPage) return [table];
  let shown = first.edges.length;
  let cursor = first.pageInfo.endCursor!;
  const button = h('button', { type: 'button', class: 'small more-relations', 'data-testid': 'more-relations' });
  const label = () => fill(button, `${t('showMore')} (+${first.totalCount - shown})`);
  label();
  button.onclick = async () => {
    button.setAttribute('disabled', '');
    try {
      const more = (await gql(MORE_RELATIONS, { id: self, after: cursor })).entity?.relationsConnection;
      if (!more) return void button.remove();
      body.append(...more.edges.map((e) => relationRow(self, e.node)));
      shown += more.edges.length;
      cursor = more.pageInfo.endCursor ?? cursor;
      if (more.pageInfo.hasNextPage) label();
      else button.remove();
    } finally {
      button.removeAttribute('disabled');
    }
  };
  return [table, button];
}

function entityHead(e: EntityDetails & KindFields): HTMLElement {
  return h(
    'header',
    { class: 'entity-head', 'data-entity': e.id },
    h('div', { class: 'kind-line' }, kindBadge(e.kind), e.placeKind ? h('span', { class: 'muted' }, ` ${placeKindLabel(e.placeKind)}`) : null, e.status ? [' ', statusBadge(e.status)] : null, h('code', { class: 'id' }, e.id)),
    h('h1', null, nameOf(e)),
    altNameOf(e) ? h('p', { class: 'alt-name' }, altNameOf(e)!) : null,
    e.aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'muted' }, `${t('aliases')}：`), e.aliases.map((a) => h('span', { class: 'alias' }, a))) : null,
    e.kind === 'PLACE' ? h('p', null, h('a', { class: 'button', href: href('place', e.id) }, t('openPlaceView'))) : null,
  );
}

/** Description with its sources, the project's figures and the facts, the relations. */
function entityMain(e: EntityDetails & KindFields): HTMLElement {
  const figures = [
    e.investment ? h('li', null, `${t('investment')}：`, h('strong', null, formatAmount(e.investment.amount)), ` ${e.investment.unit}`) : null,
    e.annualOutput ? h('li', null, `${t('annualOutput')}：`, h('strong', null, formatAmount(e.annualOutput.amount)), ` ${e.annualOutput.unit}`) : null,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'col-main' },
    e.description || e.sources.length ? section(t('description'), e.description ? h('p', { 'data-testid': 'description' }, localized(e.description, e.descriptionZh)) : null, h('div', { class: 'sources' }, e.sources.map(evidenceItem))) : null,
    figures.length ? section(t('facts'), h('ul', { class: 'plain figures' }, figures), factsTable(e.facts)) : section(t('facts'), factsTable(e.facts)),
    section(`${t('relations')} (${e.relationsConnection.totalCount})`, relationsTable(e.id, e.relationsConnection)),
  );
}

export async function entityView({ el, route, alive, onDispose }: ViewContext): Promise<void> {
  const name = route.arg ?? '';
  fill(el, loading());
  let e: (EntityDetails & KindFields) | null;
  try {
    e = (await gql(ENTITY, { name })).lookup;
  } catch (error) {
    if (alive()) fill(el, errorBox(error));
    return;
  }
  if (!alive()) return;
  if (!e) return fill(el, errorBox(new Error(`${t('errNotFound')}: ${name}`)));
  document.title = `${nameOf(e)} · ${t('brand')}`;
  const graphHost = h('div', { class: 'graph-host' }, loading());
  fill(
    el,
    entityHead(e),
    h(
      'div',
      { class: 'two-col' },
      entityMain(e),
      h(
        'div',
        { class: 'col-side' },
        h('section', { class: 'card' }, h('h2', null, t('neighbourhood'), ' ', h('a', { class: 'small-link', href: href('graph', e.id) }, t('openFullGraph'))), graphHost),
      ),
    ),
  );
  const { mountNeighbourhood } = await loadGraph();
  if (!alive()) return;
  onDispose(await mountNeighbourhood(graphHost, e.id, { depth: 1, limit: 40 }));
}

