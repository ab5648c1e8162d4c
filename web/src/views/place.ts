import { gql, type EntityRef } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import type { PlaceViewQuery } from '../generated/graphql.js';
import { altNameOf, kindLabel, localized, nameOf, placeKindLabel, roleLabel, t } from '../i18n.js';
import { PLACE } from '../operations.js';
import { go, href, paramsOf, replacing } from '../router.js';
import { downloadLinks, entityLink, errorBox, evidenceChip, evidenceItem, kindBadge, layerBadge, loading, section, statusBadge } from '../ui.js';
import type { ViewContext } from '../view.js';
import { DEFAULT_FROM, DEFAULT_TO } from './chain.js';
import { factsTable } from './entity.js';

/** The place asked for (lookup with kind PLACE answers a Place: the fields of `... on Place` are there). */
type PlaceDetails = Extract<NonNullable<PlaceViewQuery['lookup']>, { placeKind: unknown }>;
type Firm = PlaceViewQuery['firmsIn']['edges'][number]['node'];
type Project = PlaceViewQuery['projects'][number];
type PolicyRow = PlaceViewQuery['policies'][number];
const isPlace = (e: PlaceViewQuery['lookup']): e is PlaceDetails => !!e && 'placeKind' in e;

const none = () => h('p', { class: 'muted' }, t('none'));
const money = (label: string, m: { amount: number; unit: string } | null) =>
  m ? h('span', { class: 'figure' }, `${label} `, h('strong', null, formatAmount(m.amount)), ` ${m.unit}`) : null;

function breadcrumb(p: PlaceDetails): HTMLElement {
  const trail = [...p.ancestors].reverse();
  return h(
    'nav',
    { class: 'breadcrumb', 'aria-label': 'breadcrumb', 'data-testid': 'breadcrumb' },
    trail.map((a) => [h('a', { href: href('place', a.id), 'data-id': a.id }, nameOf(a)), h('span', { class: 'sep' }, '›')]),
    h('span', { class: 'current', 'data-id': p.id }, nameOf(p)),
  );
}

function placeHead(p: PlaceDetails): HTMLElement {
  return h(
    'header',
    { class: 'entity-head', 'data-entity': p.id },
    h('div', { class: 'kind-line' }, kindBadge('PLACE'), h('span', { class: 'muted' }, ` ${placeKindLabel(p.placeKind)}`), h('code', { class: 'id' }, p.id)),
    h('h1', null, nameOf(p)),
    altNameOf(p) ? h('p', { class: 'alt-name' }, altNameOf(p)!) : null,
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'button', href: href('chain', null, { from: DEFAULT_FROM, to: DEFAULT_TO, place: p.id }) }, t('seeChainGaps')),
      ' ',
      h('a', { class: 'button secondary', href: href('entity', p.id) }, t('relations')),
      ' ',
      h('a', { class: 'button secondary', href: href('graph', p.id) }, t('neighbourhood')),
    ),
  );
}

function firmsTable(p: PlaceDetails, firms: Firm[]): HTMLElement {
  if (!firms.length) return none();
  return h(
    'table',
    { class: 'firms', 'data-testid': 'firms' },
    h('thead', null, h('tr', null, h('th', null, t('firm')), h('th', null, t('located')), h('th', null, t('role')), h('th', null, t('status')), h('th', null, ''))),
    h('tbody', null,
      firms.map((f) =>
        h(
          'tr',
          { 'data-firm': f.firm.id, 'data-layer': f.firm.origin },
          h('td', null, entityLink(f.firm, { alt: false })),
          h('td', null, f.place.id === p.id ? h('span', { class: 'muted' }, nameOf(f.place)) : h('a', { href: href('place', f.place.id) }, nameOf(f.place))),
          h('td', null, f.role ? roleLabel(f.role) : ''),
          h('td', null, statusBadge(f.status)),
          h('td', null, evidenceChip(f.sources), layerBadge(f.firm.origin)),
        ),
      ),
    ),
  );
}

/** Firms in the place, with or without its sub-areas, and their downloads. */
function firmsSection(p: PlaceDetails, data: PlaceViewQuery, sub: boolean, route: ViewContext['route']): HTMLElement {
  const firms = data.firmsIn.edges.map((e) => e.node);
  const total = data.firmsIn.totalCount;
  const toggle = h('label', { class: 'toggle' }, h('input', {
    type: 'checkbox',
    checked: sub,
    'data-testid': 'include-subareas',
    onchange: (event: Event) => go(href('place', p.id, { ...paramsOf(route), sub: (event.target as HTMLInputElement).checked ? null : '0' })),
  }), ` ${t('includeSubareas')}`);
  return section(
    `${t('firms')} (${total})`,
    h('div', { class: 'table-tools' }, toggle, downloadLinks('download-firms', ['csv', 'graphml', 'jsonld'], (f) => `/export/place/${encodeURIComponent(p.id)}.${f}${sub ? '' : '?subareas=0'}`)),
    firms.length < total ? h('p', { class: 'truncated-note' }, `${t('showing')} ${firms.length} ${t('of')} ${total}`) : null,
    firmsTable(p, firms),
  );
}

function projectItem(p: PlaceDetails, pr: Project): HTMLElement {
  const elsewhere = pr.place && pr.place.id !== p.id ? pr.place : null;
  return h(
    'article',
    { class: 'project', 'data-project': pr.id, 'data-layer': pr.origin },
    h('h3', null, entityLink(pr, { dot: false }), ' ', statusBadge(pr.status), ' ', evidenceChip(pr.sources), layerBadge(pr.origin)),
    elsewhere || pr.investment || pr.annualOutput
      ? h(
          'p',
          { class: 'muted' },
          elsewhere ? h('span', null, h('span', { class: 'pin', 'aria-hidden': 'true' }), h('a', { href: href('place', elsewhere.id) }, nameOf(elsewhere))) : null,
          money(t('investment'), pr.investment),
          money(t('annualOutput'), pr.annualOutput),
        )
      : null,
    pr.facts.length ? factsTable(pr.facts) : null,
  );
}

const projectsSection = (p: PlaceDetails, projects: Project[]): HTMLElement =>
  section(`${t('projects')} (${projects.length})`, projects.length ? h('div', { class: 'project-list' }, projects.map((pr) => projectItem(p, pr))) : none());

const policyItem = (r: PolicyRow) =>
  h(
    'li',
    { class: r.inherited ? 'inherited' : 'direct', 'data-policy': r.policy.id, 'data-inherited': String(r.inherited) },
    entityLink(r.policy, { dot: false }),
    ' ',
    statusBadge(r.policy.status),
    ' ',
    r.inherited ? h('span', { class: 'tag inherited-tag' }, `${t('inherited')} ${nameOf(r.via)}`) : h('span', { class: 'tag direct-tag' }, t('direct')),
    ' ',
    evidenceChip(r.sources),
  );

/** Direct policies first; inherited ones grouped by the ancestor, industry or base they come through. */
function policiesSection(policies: PolicyRow[]): HTMLElement {
  const direct = policies.filter((r) => !r.inherited);
  const viaGroups = new Map<string, { via: EntityRef; items: PolicyRow[] }>();
  for (const r of policies.filter((r) => r.inherited)) {
    const group = viaGroups.get(r.via.id) ?? { via: r.via, items: [] };
    group.items.push(r);
    viaGroups.set(r.via.id, group);
  }
  const groups = [...viaGroups.values()].map((g) =>
    h(
      'details',
      { class: 'policy-group', open: viaGroups.size === 1 && g.items.length <= 8 },
      h('summary', null, `${t('inherited')} `, h('a', { href: href(g.via.kind === 'PLACE' ? 'place' : 'entity', g.via.id) }, nameOf(g.via)), h('span', { class: 'muted' }, ` · ${kindLabel(g.via.kind)} · ${g.items.length}`)),
      h('ul', { class: 'policies' }, g.items.map(policyItem)),
    ),
  );
  return section(
    `${t('policies')} (${policies.length})`,
    policies.length ? h('div', { 'data-testid': 'policies' }, direct.length ? h('ul', { class: 'policies' }, direct.map(policyItem)) : null, groups) : none(),
  );
}

/** Description and division code, sub-areas, bases, industries, facts. */
function placeSide(p: PlaceDetails): HTMLElement {
  return h(
    'div',
    { class: 'col-side' },
    p.description || p.code || p.sources.length
      ? section(t('description'), p.code ? h('p', { 'data-testid': 'division-code' }, `${t('code')}：${p.code}`) : null, p.description ? h('p', null, localized(p.description, p.descriptionZh)) : null, p.sources.map(evidenceItem))
      : null,
    section(
      `${t('subareas')} (${p.children.length})`,
      p.children.length
        ? h('ul', { class: 'chips', 'data-testid': 'subareas' }, p.children.map((c) => h('li', null, h('a', { class: 'chip', href: href('place', c.id), 'data-id': c.id }, nameOf(c), h('small', null, placeKindLabel(c.placeKind))))))
        : none(),
    ),
    section(t('bases'), p.bases.length ? h('ul', { class: 'plain', 'data-testid': 'bases' }, p.bases.map((b) => h('li', null, entityLink(b)))) : none()),
    section(
      t('industries'),
      p.industries.length
        ? h('ul', { class: 'plain' }, p.industries.map((i) => h('li', null, entityLink(i.industry), i.role ? h('span', { class: 'muted' }, ` ${roleLabel(i.role)}`) : null, ' ', statusBadge(i.status), ' ', evidenceChip(i.sources))))
        : none(),
    ),
    p.facts.length ? section(t('facts'), factsTable(p.facts)) : null,
  );
}

/** #/place/<id>?sub=0 — breadcrumb, sub-areas, firms (with or without sub-areas), projects, policies, bases. */
export async function placeView({ el, route, alive }: ViewContext): Promise<void> {
  const name = route.arg ?? 'place:guizhou';
  const sub = route.params.get('sub') !== '0';
  fill(el, loading());
  let data: PlaceViewQuery;
  try {
    data = await gql(PLACE, { name, sub });
  } catch (error) {
    if (alive()) fill(el, errorBox(error, (c, asked) => go(c.kind === 'PLACE' ? replacing(route, asked, c.id) : href('entity', c.id))));
    return;
  }
  if (!alive()) return;
  const p = data.lookup;
  if (!isPlace(p)) return fill(el, errorBox(new Error(`${t('errNotFound')}: ${name}`)));
  document.title = `${nameOf(p)} · ${t('placeTitle')}`;
  fill(
    el,
    breadcrumb(p),
    placeHead(p),
    h(
      'div',
      { class: 'two-col' },
      h('div', { class: 'col-main' }, firmsSection(p, data, sub, route), projectsSection(p, data.projects), policiesSection(data.policies)),
      placeSide(p),
    ),
  );
  // Which firms the view shows (with sub-areas or not): a toggle's new view is told apart from the old one.
  el.dataset.sub = sub ? '1' : '0';
  el.dataset.ready = 'place';
}
