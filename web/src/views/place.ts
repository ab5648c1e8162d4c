import { EVIDENCE, gql, REF, type EntityRef, type Evidence } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import { altNameOf, kindLabel, localized, nameOf, placeKindLabel, roleLabel, t } from '../i18n.js';
import { go, href, paramsOf, replacing } from '../router.js';
import { entityLink, errorBox, evidenceChip, evidenceItem, kindBadge, loading, section, statusBadge } from '../ui.js';
import type { ViewContext } from '../view.js';
import { DEFAULT_FROM, DEFAULT_TO } from './chain.js';
import { FACT_FIELDS, factsTable, type Fact } from './entity.js';

interface PlaceRef extends EntityRef {
  placeKind: string;
}
interface PlaceData {
  lookup:
    | (PlaceRef & {
        aliases: string[];
        description: string | null;
        descriptionZh: string | null;
        code: string | null;
        sources: Evidence[];
        facts: Fact[];
        ancestors: PlaceRef[];
        children: PlaceRef[];
        bases: EntityRef[];
        industries: { industry: EntityRef; role: string | null; status: string | null; sources: Evidence[] }[];
      })
    | null;
  firmsIn: { totalCount: number; edges: { node: { firm: EntityRef; place: PlaceRef; role: string | null; status: string | null; sources: Evidence[] } }[] };
  projects: (EntityRef & {
    status: string | null;
    place: EntityRef | null;
    investment: { amount: number; unit: string } | null;
    annualOutput: { amount: number; unit: string } | null;
    facts: Fact[];
    sources: Evidence[];
  })[];
  policies: { policy: EntityRef & { status: string | null }; via: EntityRef; inherited: boolean; sources: Evidence[] }[];
}

const PLACE_REF = `${REF} ... on Place { placeKind }`;
const PLACE = `query PlaceView($name: String!, $sub: Boolean!) {
  lookup(name: $name, kind: PLACE) {
    ${REF} aliases description descriptionZh code ${EVIDENCE} ${FACT_FIELDS}
    ... on Place {
      placeKind
      ancestors { ${PLACE_REF} }
      children { ${PLACE_REF} }
      bases { ${REF} }
      industries { industry { ${REF} } role status ${EVIDENCE} }
    }
  }
  firmsIn(place: $name, includeSubareas: $sub, first: 100) {
    totalCount
    edges { node { firm { ${REF} } place { ${PLACE_REF} } role status ${EVIDENCE} } }
  }
  projects(in: $name, includeSubareas: $sub) {
    ${REF} status place { ${REF} } investment { amount unit } annualOutput { amount unit } ${FACT_FIELDS} ${EVIDENCE}
  }
  policies(concerning: $name) { policy { ${REF} status } via { ${REF} } inherited ${EVIDENCE} }
}`;

const money = (label: string, m: { amount: number; unit: string } | null) =>
  m ? h('span', { class: 'figure' }, `${label} `, h('strong', null, formatAmount(m.amount)), ` ${m.unit}`) : null;

/** #/place/<id>?sub=0 — breadcrumb, sub-areas, firms (with or without sub-areas), projects, policies, bases. */
export async function placeView({ el, route, alive }: ViewContext): Promise<void> {
  const name = route.arg ?? 'place:guizhou';
  const sub = route.params.get('sub') !== '0';
  fill(el, loading());
  let data: PlaceData;
  try {
    data = await gql<PlaceData>(PLACE, { name, sub });
  } catch (error) {
    if (alive()) fill(el, errorBox(error, (c, asked) => go(c.kind === 'PLACE' ? replacing(route, asked, c.id) : href('entity', c.id))));
    return;
  }
  if (!alive()) return;
  const p = data.lookup;
  if (!p) return fill(el, errorBox(new Error(`${t('errNotFound')}: ${name}`)));
  document.title = `${nameOf(p)} · ${t('placeTitle')}`;

  const trail = [...p.ancestors].reverse();
  const breadcrumb = h(
    'nav',
    { class: 'breadcrumb', 'aria-label': 'breadcrumb', 'data-testid': 'breadcrumb' },
    trail.map((a) => [h('a', { href: href('place', a.id), 'data-id': a.id }, nameOf(a)), h('span', { class: 'sep' }, '›')]),
    h('span', { class: 'current', 'data-id': p.id }, nameOf(p)),
  );

  const toggle = h('label', { class: 'toggle' }, h('input', {
    type: 'checkbox',
    checked: sub,
    'data-testid': 'include-subareas',
    onchange: (event: Event) => go(href('place', p.id, { ...paramsOf(route), sub: (event.target as HTMLInputElement).checked ? null : '0' })),
  }), ` ${t('includeSubareas')}`);

  const firms = data.firmsIn.edges.map((e) => e.node);
  const firmsTable = firms.length
    ? h(
        'table',
        { class: 'firms', 'data-testid': 'firms' },
        h('thead', null, h('tr', null, h('th', null, t('firm')), h('th', null, t('located')), h('th', null, t('role')), h('th', null, t('status')), h('th', null, ''))),
        h('tbody', null,
          firms.map((f) =>
            h(
              'tr',
              { 'data-firm': f.firm.id },
              h('td', null, entityLink(f.firm, { alt: false })),
              h('td', null, f.place.id === p.id ? h('span', { class: 'muted' }, nameOf(f.place)) : h('a', { href: href('place', f.place.id) }, nameOf(f.place))),
              h('td', null, f.role ? roleLabel(f.role) : ''),
              h('td', null, statusBadge(f.status)),
              h('td', null, evidenceChip(f.sources)),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('none'));

  const projects = data.projects.length
    ? h(
        'div',
        { class: 'project-list' },
        data.projects.map((pr) =>
          h(
            'article',
            { class: 'project', 'data-project': pr.id },
            h('h3', null, entityLink(pr, { dot: false }), ' ', statusBadge(pr.status), ' ', evidenceChip(pr.sources)),
            (pr.place && pr.place.id !== p.id) || pr.investment || pr.annualOutput
              ? h(
                  'p',
                  { class: 'muted' },
                  pr.place && pr.place.id !== p.id ? h('span', null, h('span', { class: 'pin', 'aria-hidden': 'true' }), h('a', { href: href('place', pr.place.id) }, nameOf(pr.place))) : null,
                  money(t('investment'), pr.investment),
                  money(t('annualOutput'), pr.annualOutput),
                )
              : null,
            pr.facts.length ? factsTable(pr.facts) : null,
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('none'));

  const policyItem = (r: PlaceData['policies'][number]) =>
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
  // Direct policies first; inherited ones grouped by the ancestor, industry or base they come through.
  const direct = data.policies.filter((r) => !r.inherited);
  const viaGroups = new Map<string, { via: EntityRef; items: PlaceData['policies'] }>();
  for (const r of data.policies.filter((r) => r.inherited)) {
    const group = viaGroups.get(r.via.id) ?? { via: r.via, items: [] };
    group.items.push(r);
    viaGroups.set(r.via.id, group);
  }
  const policies = data.policies.length
    ? h(
        'div',
        { 'data-testid': 'policies' },
        direct.length ? h('ul', { class: 'policies' }, direct.map(policyItem)) : null,
        [...viaGroups.values()].map((g) =>
          h(
            'details',
            { class: 'policy-group', open: viaGroups.size === 1 && g.items.length <= 8 },
            h('summary', null, `${t('inherited')} `, h('a', { href: href(g.via.kind === 'PLACE' ? 'place' : 'entity', g.via.id) }, nameOf(g.via)), h('span', { class: 'muted' }, ` · ${kindLabel(g.via.kind)} · ${g.items.length}`)),
            h('ul', { class: 'policies' }, g.items.map(policyItem)),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('none'));

  fill(
    el,
    breadcrumb,
    h(
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
    ),
    h(
      'div',
      { class: 'two-col' },
      h(
        'div',
        { class: 'col-main' },
        section(
          `${t('firms')} (${data.firmsIn.totalCount})`,
          toggle,
          firms.length < data.firmsIn.totalCount ? h('p', { class: 'truncated-note' }, `${t('showing')} ${firms.length} ${t('of')} ${data.firmsIn.totalCount}`) : null,
          firmsTable,
        ),
        section(`${t('projects')} (${data.projects.length})`, projects),
        section(`${t('policies')} (${data.policies.length})`, policies),
      ),
      h(
        'div',
        { class: 'col-side' },
        p.description || p.code || p.sources.length
          ? section(t('description'), p.code ? h('p', { 'data-testid': 'division-code' }, `${t('code')}：${p.code}`) : null, p.description ? h('p', null, localized(p.description, p.descriptionZh)) : null, p.sources.map(evidenceItem))
          : null,
        section(
          `${t('subareas')} (${p.children.length})`,
          p.children.length
            ? h('ul', { class: 'chips', 'data-testid': 'subareas' }, p.children.map((c) => h('li', null, h('a', { class: 'chip', href: href('place', c.id), 'data-id': c.id }, nameOf(c), h('small', null, placeKindLabel(c.placeKind))))))
            : h('p', { class: 'muted' }, t('none')),
        ),
        section(
          t('bases'),
          p.bases.length ? h('ul', { class: 'plain', 'data-testid': 'bases' }, p.bases.map((b) => h('li', null, entityLink(b)))) : h('p', { class: 'muted' }, t('none')),
        ),
        section(
          t('industries'),
          p.industries.length
            ? h('ul', { class: 'plain' }, p.industries.map((i) => h('li', null, entityLink(i.industry), i.role ? h('span', { class: 'muted' }, ` ${roleLabel(i.role)}`) : null, ' ', statusBadge(i.status), ' ', evidenceChip(i.sources))))
            : h('p', { class: 'muted' }, t('none')),
        ),
        p.facts.length ? section(t('facts'), factsTable(p.facts)) : null,
      ),
    ),
  );
  el.dataset.ready = 'place';
}
