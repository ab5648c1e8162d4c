import { h, fill, type Child } from '../dom.js';
import { altNameOf, isKindEnum, KIND_ORDER, kindLabel, t } from '../i18n.js';
import { searchEntities } from '../picker.js';
import { go, href } from '../router.js';
import { downloadLinks, entityLink, errorBox, kindBadge, kindColour, loading } from '../ui.js';
import type { ViewContext } from '../view.js';

const PAGE = 20;

/** #/search?q=…&kinds=FIRM,PLACE — every hit, a page at a time through the API's cursors, optionally of some kinds only. */
export async function searchView({ el, route, alive }: ViewContext): Promise<void> {
  const text = route.params.get('q')?.trim() ?? '';
  const kinds = (route.params.get('kinds') ?? '').split(',').filter(isKindEnum);
  const title = h('h1', null, t('searchResults'));
  if (!text) return fill(el, title);
  const withKinds = (next: string[]) => go(href('search', null, { q: text, kinds: KIND_ORDER.filter((k) => next.includes(k)).join(',') }));
  const chip = (label: Child, pressed: boolean, onclick: () => void, kind?: string) =>
    h('button', { type: 'button', class: `chip${pressed ? ' on' : ''}`, 'aria-pressed': String(pressed), 'data-kind': kind, onclick }, label);
  const filter = h(
    'div',
    { class: 'kind-filter', 'data-testid': 'kind-filter' },
    chip(t('allKinds'), !kinds.length, () => withKinds([])),
    KIND_ORDER.map((k) => chip([h('span', { class: 'dot', style: `background:${kindColour(k)}` }), kindLabel(k)], kinds.includes(k), () => withKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]), k)),
  );
  const count = h('p', { class: 'muted', 'data-testid': 'search-count' });
  const list = h('ul', { class: 'results' });
  const more = h('button', { type: 'button', class: 'button load-more', 'data-testid': 'load-more', hidden: true }, t('loadMore'));
  const status = h('div', null, loading());
  const downloads = downloadLinks('download-search', ['csv', 'graphml', 'jsonld'], (f) => `/export/search?${new URLSearchParams({ q: text, ...(kinds.length ? { kinds: kinds.join(',') } : {}), format: f })}`);
  fill(el, title, filter, h('div', { class: 'table-tools' }, count, downloads), list, more, status);
  document.title = `${text} · ${t('brand')}`;

  let next: string | null = null;
  const load = async (): Promise<void> => {
    more.disabled = true;
    el.dataset.ready = 'loading';
    try {
      const page = await searchEntities(text, kinds, PAGE, next);
      if (!alive()) return;
      next = page.next;
      list.append(
        ...page.hits.map((hit) =>
          h('li', { 'data-id': hit.id }, kindBadge(hit.kind), ' ', entityLink(hit, { dot: false }), altNameOf(hit) ? h('span', { class: 'alt' }, ` ${altNameOf(hit)}`) : null, h('code', { class: 'id' }, hit.id)),
        ),
      );
      const shown = list.children.length;
      count.dataset.shown = String(shown);
      count.dataset.total = String(page.totalCount);
      count.textContent = `${t('showing')} ${shown} ${t('of')} ${page.totalCount}${t('resultsFor')}“${text}”`;
      fill(status);
    } catch (error) {
      if (alive()) fill(status, errorBox(error));
    }
    more.hidden = !next;
    more.disabled = false;
    el.dataset.ready = 'search';
  };
  more.addEventListener('click', () => void load());
  await load();
}
