import { edgeText, EVIDENCE, gql, REF, type EdgeFacts, type EntityRef, type Evidence } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import { altNameOf, localized, measureLabel, nameOf, normKind, placeKindLabel, relationLabel, roleLabel, t } from '../i18n.js';
import { href } from '../router.js';
import { entityLink, errorBox, evidenceChip, evidenceItem, kindBadge, loading, section, statusBadge } from '../ui.js';
import { loadGraph, type ViewContext } from '../view.js';

export interface Fact {
  label: string;
  labelZh: string | null;
  measure: string | null;
  amount: number;
  unit: string;
  period: string | null;
  status: string;
  source: Evidence;
}
export const FACT_FIELDS = `facts { label labelZh measure amount unit period status source { quote note document { title } } }`;

interface Relation extends EdgeFacts {
  fromEntity: EntityRef;
  toEntity: EntityRef;
}
interface EntityDetails extends EntityRef {
  aliases: string[];
  description: string | null;
  descriptionZh: string | null;
  sources: Evidence[];
  facts: Fact[];
  relations: Relation[];
  placeKind?: string;
  status?: string | null;
  investment?: { amount: number; unit: string } | null;
  annualOutput?: { amount: number; unit: string } | null;
}

const ENTITY = `query Entity($name: String!) {
  lookup(name: $name) {
    ${REF} aliases description descriptionZh ${EVIDENCE} ${FACT_FIELDS}
    relations { type role status capacity output unit amount amountUnit label labelZh fromEntity { ${REF} } toEntity { ${REF} } ${EVIDENCE} }
    ... on Place { placeKind }
    ... on Policy { status }
    ... on Project { status investment { amount unit } annualOutput { amount unit } }
  }
}`;

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

function relationDetails(r: Relation): string {
  const parts: string[] = [];
  if (r.role) parts.push(roleLabel(r.role));
  if (r.label && r.type !== 'RELATED_TO' && r.type !== 'COOPERATES_WITH') parts.push(edgeText(r)!);
  if (r.output != null) parts.push(`${measureLabel('output')} ${formatAmount(r.output)} ${r.unit ?? ''}`.trim());
  if (r.capacity !== null) parts.push(`${formatAmount(r.capacity)} ${r.unit ?? ''}`.trim());
  if (r.amount !== null) parts.push(`${formatAmount(r.amount)} ${r.amountUnit ?? ''}`.trim());
  return parts.join(' · ');
}

function relationsTable(self: string, relations: Relation[]): HTMLElement {
  if (!relations.length) return h('p', { class: 'muted' }, t('noRelations'));
  const sorted = [...relations].sort((a, b) => Number(a.fromEntity.id !== self) - Number(b.fromEntity.id !== self) || a.type.localeCompare(b.type));
  return h(
    'table',
    { class: 'relations' },
    h('tbody', null,
      sorted.map((r) => {
        const outgoing = r.fromEntity.id === self;
        const other = outgoing ? r.toEntity : r.fromEntity;
        const verb = (r.type === 'RELATED_TO' || r.type === 'COOPERATES_WITH') && r.label ? edgeText(r)! : relationLabel(r.type);
        return h(
          'tr',
          { 'data-type': r.type, 'data-other': other.id },
          h('td', { class: 'dir' }, outgoing ? '→' : '←'),
          h(
            'td',
            { class: 'sentence' },
            outgoing
              ? [h('span', { class: 'verb' }, verb), ' ', entityLink(other)]
              : [entityLink(other), ' ', h('span', { class: 'verb' }, verb), ' ', h('span', { class: 'muted' }, t('thisEntity'))],
          ),
          h('td', { class: 'muted' }, relationDetails(r)),
          h('td', null, statusBadge(r.status)),
          h('td', null, evidenceChip(r.sources)),
        );
      }),
    ),
  );
}

export async function entityView({ el, route, alive, onDispose }: ViewContext): Promise<void> {
  const name = route.arg ?? '';
  fill(el, loading());
  let e: EntityDetails | null;
  try {
    e = (await gql<{ lookup: EntityDetails | null }>(ENTITY, { name })).lookup;
  } catch (error) {
    if (alive()) fill(el, errorBox(error));
    return;
  }
  if (!alive()) return;
  if (!e) return fill(el, errorBox(new Error(`${t('errNotFound')}: ${name}`)));
  document.title = `${nameOf(e)} · ${t('brand')}`;
  const kind = normKind(e.kind);
  const graphHost = h('div', { class: 'graph-host' }, loading());
  const figures = [
    e.investment ? h('li', null, `${t('investment')}：`, h('strong', null, formatAmount(e.investment.amount)), ` ${e.investment.unit}`) : null,
    e.annualOutput ? h('li', null, `${t('annualOutput')}：`, h('strong', null, formatAmount(e.annualOutput.amount)), ` ${e.annualOutput.unit}`) : null,
  ].filter(Boolean);

  fill(
    el,
    h(
      'header',
      { class: 'entity-head', 'data-entity': e.id },
      h('div', { class: 'kind-line' }, kindBadge(e.kind), e.placeKind ? h('span', { class: 'muted' }, ` ${placeKindLabel(e.placeKind)}`) : null, e.status ? [' ', statusBadge(e.status)] : null, h('code', { class: 'id' }, e.id)),
      h('h1', null, nameOf(e)),
      altNameOf(e) ? h('p', { class: 'alt-name' }, altNameOf(e)!) : null,
      e.aliases.length ? h('p', { class: 'aliases' }, h('span', { class: 'muted' }, `${t('aliases')}：`), e.aliases.map((a) => h('span', { class: 'alias' }, a))) : null,
      kind === 'PLACE' ? h('p', null, h('a', { class: 'button', href: href('place', e.id) }, t('openPlaceView'))) : null,
    ),
    h(
      'div',
      { class: 'two-col' },
      h(
        'div',
        { class: 'col-main' },
        e.description || e.sources.length ? section(t('description'), e.description ? h('p', { 'data-testid': 'description' }, localized(e.description, e.descriptionZh)) : null, h('div', { class: 'sources' }, e.sources.map(evidenceItem))) : null,
        figures.length ? section(t('facts'), h('ul', { class: 'plain figures' }, figures), factsTable(e.facts)) : section(t('facts'), factsTable(e.facts)),
        section(`${t('relations')} (${e.relations.length})`, relationsTable(e.id, e.relations)),
      ),
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

