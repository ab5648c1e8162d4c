/** The web explorer: header (search, navigation, language), hash router, views. Talks only to /graphql. */
import { h, fill } from './dom.js';
import { getLang, setLang, t, type Key } from './i18n.js';
import { picker } from './picker.js';
import { entityHref, go, href, parseHash, type Route } from './router.js';
import type { View, ViewContext } from './view.js';
import { homeView } from './views/home.js';
import { searchView } from './views/search.js';
import { entityView } from './views/entity.js';
import { graphView } from './views/graph.js';
import { chainView } from './views/chain.js';
import { placeView } from './views/place.js';
import { pathView } from './views/path.js';
import { ingestView } from './views/ingest.js';

const VIEWS: Record<string, View> = {
  '': homeView,
  search: searchView,
  entity: entityView,
  graph: graphView,
  chain: chainView,
  place: placeView,
  path: pathView,
  ingest: ingestView,
};

const NAV: [string, Key, string][] = [
  ['chain', 'navChain', href('chain')],
  ['place', 'navPlace', href('place', 'place:guizhou')],
  ['graph', 'navGraph', href('graph', 'place:guizhou')],
  ['path', 'navPath', href('path')],
  ['ingest', 'navIngest', href('ingest')],
];

let generation = 0;
let disposers: (() => void)[] = [];

function render(): void {
  const route = parseHash();
  const lang = route.params.get('lang');
  if (lang === 'en' || lang === 'zh') setLang(lang);
  paintHeader(route);
  disposers.splice(0).forEach((fn) => fn());
  const mine = ++generation;
  const el = h('div', { class: `view view-${route.view || 'home'}`, 'data-view': route.view || 'home' });
  fill(document.getElementById('view')!, el);
  const ctx: ViewContext = {
    el,
    route,
    alive: () => mine === generation,
    onDispose: (fn) => (mine === generation ? disposers.push(fn) : fn()),
  };
  const view = VIEWS[route.view];
  if (!view) {
    fill(el, h('h1', null, t('notFoundPage')), h('p', null, h('a', { href: '#/' }, t('navHome'))));
    return;
  }
  document.title = t('brand');
  Promise.resolve(view(ctx)).catch((error) => {
    console.error(error);
    if (ctx.alive()) el.append(h('div', { class: 'error-box' }, h('strong', null, t('errOther')), h('p', null, String(error?.message ?? error))));
  });
}

let searchBox: HTMLElement | null = null;
function paintHeader(route: Route): void {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  const brand = document.querySelector<HTMLAnchorElement>('.brand');
  if (brand) brand.textContent = t('brand');
  fill(
    document.getElementById('nav')!,
    NAV.map(([view, key, target]) => h('a', { href: target, class: route.view === view ? 'active' : '' }, t(key))),
  );
  const lang = document.getElementById('lang')!;
  lang.textContent = getLang() === 'zh' ? 'EN' : '中文';
  lang.setAttribute('data-lang', getLang());
  const host = document.getElementById('search')!;
  if (!searchBox || host.dataset.lang !== getLang()) {
    searchBox = picker({
      placeholder: t('searchPlaceholder'),
      testid: 'search',
      first: 8,
      onPick: (hit) => go(entityHref(hit)),
      onAll: (text) => go(href('search', null, { q: text })),
    });
    host.dataset.lang = getLang();
    fill(host, searchBox);
  }
}

function start(): void {
  document.getElementById('lang')!.addEventListener('click', () => {
    setLang(getLang() === 'zh' ? 'en' : 'zh');
    const route = parseHash();
    if (route.params.has('lang')) {
      route.params.delete('lang');
      const query = route.params.toString();
      history.replaceState(null, '', `#/${route.view}${route.arg ? '/' + route.arg : ''}${query ? '?' + query : ''}`);
    }
    render();
  });
  window.addEventListener('hashchange', render);
  render();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
