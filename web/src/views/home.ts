import { gql } from '../api.js';
import { h, fill } from '../dom.js';
import type { BasesQuery } from '../generated/graphql.js';
import { t } from '../i18n.js';
import { BASES } from '../operations.js';
import { href } from '../router.js';
import { entityLink, errorBox, section } from '../ui.js';
import type { ViewContext } from '../view.js';

type Base = BasesQuery['industrialBases'][number];

export async function homeView({ el, alive }: ViewContext): Promise<void> {
  const basesHost = h('div', { class: 'bases' });
  fill(
    el,
    h('section', { class: 'hero' }, h('h1', null, t('brand')), h('p', { class: 'lead' }, t('homeLead'))),
    section(
      t('tryThese'),
      h(
        'ul',
        { class: 'starts' },
        h('li', null, h('a', { href: href('chain', null, { from: 'product:phosphate-rock', to: 'product:nev', place: 'place:fuquan' }) }, t('homeChain'))),
        h('li', null, h('a', { href: href('entity', 'firm:chuanheng') }, t('homeFirm'))),
        h('li', null, h('a', { href: href('place', 'place:fuquan') }, t('homePlace'))),
        h('li', null, h('a', { href: href('graph', 'place:guizhou') }, t('homeGraph'))),
        h('li', null, h('a', { href: href('path', null, { from: 'firm:chuanheng', to: 'place:guian' }) }, t('homePath'))),
      ),
    ),
    section(t('industrialBases'), basesHost),
  );
  try {
    const { industrialBases } = await gql(BASES);
    if (!alive()) return;
    const list = (bases: Base[], testid: string) =>
      h(
        'ul',
        { class: 'plain', 'data-testid': testid },
        bases.map((b) => h('li', { 'data-id': b.id }, entityLink(b, { alt: true }), b.places.length ? h('span', { class: 'muted' }, ' — ', b.places.map((p, i) => [i ? '、' : '', entityLink(p, { dot: false })])) : null)),
      );
    // The API lists the six bases of 六大产业基地 first; the others the texts name are shown apart.
    const six = industrialBases.filter((b) => b.sixBases);
    const others = industrialBases.filter((b) => !b.sixBases);
    fill(basesHost, h('h3', null, t('sixBases')), list(six, 'six-bases'), others.length ? [h('h3', null, t('otherBases')), list(others, 'other-bases')] : null);
  } catch (error) {
    if (alive()) fill(basesHost, errorBox(error));
  }
}
