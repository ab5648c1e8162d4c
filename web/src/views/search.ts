import { h, fill } from '../dom.js';
import { altNameOf, t } from '../i18n.js';
import { searchEntities } from '../picker.js';
import { entityLink, errorBox, kindBadge, loading } from '../ui.js';
import type { ViewContext } from '../view.js';

export async function searchView({ el, route, alive }: ViewContext): Promise<void> {
  const text = route.params.get('q')?.trim() ?? '';
  fill(el, h('h1', null, t('searchResults')), loading());
  if (!text) return fill(el, h('h1', null, t('searchResults')));
  try {
    const { totalCount, hits } = await searchEntities(text, undefined, 50);
    if (!alive()) return;
    fill(
      el,
      h('h1', null, t('searchResults')),
      h('p', { class: 'muted' }, `${totalCount} ${t('resultsFor')}“${text}”`),
      h(
        'ul',
        { class: 'results' },
        hits.map((hit) =>
          h('li', { 'data-id': hit.id }, kindBadge(hit.kind), ' ', entityLink(hit, { dot: false }), altNameOf(hit) ? h('span', { class: 'alt' }, ` ${altNameOf(hit)}`) : null, h('code', { class: 'id' }, hit.id)),
        ),
      ),
    );
    document.title = `${text} · ${t('brand')}`;
  } catch (error) {
    if (alive()) fill(el, h('h1', null, t('searchResults')), errorBox(error));
  }
}
