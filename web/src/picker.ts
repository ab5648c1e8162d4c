/** A text box with search suggestions (any script: 川恒, 川恆, chuanheng). Used by the header search and the view forms. */
import { gql, type EntityRef } from './api.js';
import { debounce, h } from './dom.js';
import type { EntityKind, SuggestQuery } from './generated/graphql.js';
import { altNameOf, nameOf, t } from './i18n.js';
import { SEARCH } from './operations.js';
import { kindBadge } from './ui.js';

type Hit = SuggestQuery['search']['edges'][number]['node'];

export interface PickerOptions {
  kinds?: EntityKind[];
  placeholder: string;
  /** Text to show initially (the chosen entity's name). */
  initial?: string;
  /** Called with the chosen entity. */
  onPick(hit: EntityRef): void;
  /** Shown under the suggestions; called with the typed text. */
  onAll?(text: string): void;
  testid: string;
  first?: number;
}

/** Folds case, spaces and pinyin tone marks so that "chuanheng" finds the alias "chuān héng". */
const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f\s'’·-]/g, '').toLowerCase();

interface SearchPage {
  totalCount: number;
  hits: Hit[];
  /** The cursor to ask for the next page with, or null on the last page. */
  next: string | null;
}

/** One page of search hits; `after` is the previous page's `next`. */
export function searchEntities(text: string, kinds?: EntityKind[], first = 8, after: string | null = null): Promise<SearchPage> {
  return gql(SEARCH, { text, kinds: kinds?.length ? kinds : null, first, after }).then(({ search }) => ({
    totalCount: search.totalCount,
    hits: search.edges.map((e) => e.node),
    next: search.pageInfo.hasNextPage ? search.pageInfo.endCursor : null,
  }));
}

/** A mouse press that picks without taking the focus from the input. */
const pressed = (fn: () => void) => (event: MouseEvent) => {
  event.preventDefault();
  fn();
};

/** One suggestion: kind, name, other-language name and the alias the text matched. */
function suggestion(hit: Hit, text: string, active: boolean, pick: () => void, hover: () => void): HTMLElement {
  const matched = alias(hit, text);
  return h(
    'li',
    { role: 'option', class: active ? 'active' : '', 'aria-selected': active ? 'true' : 'false', 'data-id': hit.id, onmousedown: pressed(pick), onmousemove: hover },
    kindBadge(hit.kind),
    h('span', { class: 'sugg-name' }, nameOf(hit)),
    altNameOf(hit) ? h('span', { class: 'alt' }, altNameOf(hit)!) : null,
    matched ? h('span', { class: 'matched' }, `= ${matched}`) : null,
  );
}

export function picker(opts: PickerOptions): HTMLElement {
  const input = h('input', {
    type: 'search',
    class: 'picker-input',
    placeholder: opts.placeholder,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'data-testid': opts.testid,
    value: opts.initial ?? '',
  });
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
  const root = h('div', { class: 'picker' }, input, list);
  let hits: Hit[] = [];
  let active = 0;
  let asked = '';
  let total = 0;

  const close = () => {
    list.hidden = true;
  };
  const pick = (hit: Hit) => {
    input.value = nameOf(hit);
    close();
    opts.onPick(hit);
  };
  const paint = () => {
    list.replaceChildren();
    const text = input.value.trim();
    if (!text) return close();
    if (!hits.length) list.append(h('li', { class: 'empty' }, t('noMatch')));
    hits.forEach((hit, i) =>
      list.append(
        suggestion(hit, text, i === active, () => pick(hit), () => {
          if (active !== i) {
            active = i;
            highlight();
          }
        }),
      ),
    );
    if (opts.onAll && total > hits.length) {
      list.append(
        h('li', { class: 'all', onmousedown: pressed(() => (close(), opts.onAll!(text))) }, `${t('allResults')} (${total})`),
      );
    }
    list.hidden = false;
  };
  const highlight = () =>
    [...list.querySelectorAll('li[role=option]')].forEach((li, i) => {
      li.classList.toggle('active', i === active);
      li.setAttribute('aria-selected', i === active ? 'true' : 'false');
    });

  const lookup = async (text: string): Promise<void> => {
    asked = text;
    try {
      const result = await searchEntities(text, opts.kinds, opts.first ?? 8);
      if (asked !== text) return;
      hits = result.hits;
      total = result.totalCount;
      active = 0;
      if (document.activeElement === input) paint();
    } catch {
      if (asked === text) {
        hits = [];
        paint();
      }
    }
  };
  const later = debounce((text: string) => void lookup(text), 120);

  input.addEventListener('input', () => {
    const text = input.value.trim();
    if (!text) {
      hits = [];
      asked = '';
      return close();
    }
    later(text);
  });
  input.addEventListener('focus', () => hits.length && input.value.trim() === asked && paint());
  input.addEventListener('blur', () => setTimeout(close, 120));
  input.addEventListener('keydown', async (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) return paint();
      const n = hits.length;
      if (n) active = (active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      highlight();
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      if (asked !== text) await lookup(text);
      if (hits[active]) pick(hits[active]);
      else opts.onAll?.(text);
    }
  });
  return root;
}

function alias(hit: Hit, text: string): string | null {
  const q = fold(text);
  if (!q || fold(hit.name).includes(q) || (hit.nameEn && fold(hit.nameEn).includes(q))) return null;
  return hit.aliases.find((a) => fold(a).includes(q)) ?? null;
}
