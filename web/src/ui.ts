/** Shared widgets: entity links and kind badges, status badges, evidence chips with their popover, error boxes. */
import { ApiError, type Candidate, type Evidence, type Statement } from './api.js';
import { fill, h, type Child } from './dom.js';
import type { KindEnum } from '../../src/domain/vocabulary.js';
import { altNameOf, kindLabel, nameOf, normKind, statusLabel, t, type Key } from './i18n.js';
import { entityHref, go } from './router.js';

export const KIND_COLOURS: Record<KindEnum, string> = {
  FIRM: '#2563eb',
  PLACE: '#16a34a',
  POLICY: '#7c3aed',
  INDUSTRIAL_BASE: '#db2777',
  PROJECT: '#ea580c',
  PRODUCT: '#0891b2',
  INDUSTRY: '#ca8a04',
  ORGANIZATION: '#64748b',
};
export const kindColour = (kind: string): string => KIND_COLOURS[normKind(kind) as KindEnum] ?? '#94a3b8';

export const kindBadge = (kind: string): HTMLElement =>
  h('span', { class: 'kind', style: `--kind:${kindColour(kind)}`, 'data-kind': normKind(kind) }, kindLabel(kind));

export function entityLink(e: { id: string; kind?: string; name: string; nameEn?: string | null }, opts: { alt?: boolean; dot?: boolean } = {}): HTMLElement {
  const kind = e.kind ?? 'ENTITY';
  const alt = opts.alt ? altNameOf(e) : null;
  return h(
    'a',
    { class: 'entity-link', href: entityHref({ id: e.id, kind }), 'data-id': e.id, title: altNameOf(e) ?? e.id },
    opts.dot !== false ? h('span', { class: 'dot', style: `background:${kindColour(kind)}` }) : null,
    nameOf(e),
    alt ? h('span', { class: 'alt' }, ` ${alt}`) : null,
  );
}

export const statusBadge = (status: string | null | undefined): HTMLElement | null =>
  status ? h('span', { class: `status status-${status}` }, statusLabel(status)) : null;

export const loading = (): HTMLElement => h('p', { class: 'loading' }, t('loading'));

/**
 * Download links for a view's data (served by /export/…, streamed by the server): one per format,
 * e.g. "下载 CSV · GraphML". `url(format)` builds each link.
 */
export function downloadLinks(testid: string, formats: readonly string[], url: (format: string) => string): HTMLElement {
  const label: Record<string, string> = { csv: 'CSV', graphml: 'GraphML', jsonld: 'JSON-LD' };
  return h(
    'span',
    { class: 'downloads', 'data-testid': testid, title: t('downloadHint') },
    `${t('download')} `,
    formats.map((f, i) => [i ? ' · ' : '', h('a', { href: url(f), download: '', 'data-format': f }, label[f] ?? f)]),
  );
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

// ---------------------------------------------------------------- evidence

/** The quote with its document, or the reference note. */
export function evidenceItem(ev: Evidence): HTMLElement {
  if (ev.quote) {
    return h(
      'blockquote',
      { class: 'evidence' },
      h('q', null, ev.quote),
      ev.document ? h('cite', null, `《${ev.document.title}》`) : null,
      ev.note ? h('small', null, ev.note) : null,
    );
  }
  return h('blockquote', { class: 'evidence note' }, h('span', { class: 'ev-label' }, `${t('referenceNote')}：`), ev.note ?? t('noEvidence'));
}

export const evidenceList = (sources: Evidence[]): HTMLElement =>
  h('div', { class: 'evidence-list' }, sources.length ? sources.map(evidenceItem) : h('p', { class: 'muted' }, t('noEvidence')));

let popover: HTMLElement | null = null;
let pinnedBy: HTMLElement | null = null;

function ensurePopover(): HTMLElement {
  if (popover) return popover;
  popover = h('div', { class: 'popover', role: 'tooltip', id: 'evidence-popover', hidden: true });
  document.body.appendChild(popover);
  document.addEventListener('click', (event) => {
    if (!pinnedBy) return;
    const target = event.target as Node;
    if (!popover!.contains(target) && !pinnedBy.contains(target)) hidePopover(true);
  });
  document.addEventListener('keydown', (event) => event.key === 'Escape' && hidePopover(true));
  window.addEventListener('hashchange', () => hidePopover(true));
  return popover;
}

function showPopover(anchor: HTMLElement, sources: Evidence[]): void {
  const pop = ensurePopover();
  pop.replaceChildren(h('div', { class: 'popover-title' }, t('evidence')), evidenceList(sources));
  pop.hidden = false;
  const box = anchor.getBoundingClientRect();
  const width = Math.min(420, window.innerWidth - 16);
  pop.style.width = `${width}px`;
  pop.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - width - 8))}px`;
  const below = box.bottom + 6;
  pop.style.top = `${below}px`;
  const height = pop.getBoundingClientRect().height;
  if (below + height > window.innerHeight - 8 && box.top - height - 6 > 8) pop.style.top = `${box.top - height - 6}px`;
}

function hidePopover(force = false): void {
  if (!popover || (pinnedBy && !force)) return;
  pinnedBy?.classList.remove('pinned');
  pinnedBy = null;
  popover.hidden = true;
}

/** A small chip: hover shows the quotes, click pins them (click elsewhere or Esc closes). */
export function evidenceChip(sources: Evidence[]): HTMLElement {
  const quoted = sources.filter((s) => s.quote).length;
  const chip = h(
    'button',
    { type: 'button', class: `ev-chip${quoted ? '' : ' ref'}`, 'aria-label': t('evidence'), 'data-evidence': String(sources.length) },
    quoted ? `${t('evidenceShort')}${quoted > 1 ? ` ${quoted}` : ''}` : t('noteShort'),
  );
  chip.addEventListener('mouseenter', () => !pinnedBy && showPopover(chip, sources));
  chip.addEventListener('mouseleave', () => hidePopover());
  chip.addEventListener('focus', () => !pinnedBy && showPopover(chip, sources));
  chip.addEventListener('blur', () => hidePopover());
  chip.addEventListener('click', (event) => {
    event.stopPropagation();
    if (pinnedBy === chip) return hidePopover(true);
    hidePopover(true);
    showPopover(chip, sources);
    pinnedBy = chip;
    chip.classList.add('pinned');
  });
  return chip;
}

// ---------------------------------------------------------------- errors

/**
 * An API error as a sentence and, for NOT_FOUND / AMBIGUOUS, the candidates as buttons.
 * `choose` decides what picking a candidate does (default: open it).
 */
export function errorBox(error: unknown, choose: (c: Candidate, asked: string | null) => void = (c) => go(entityHref(c))): HTMLElement {
  const api = error instanceof ApiError ? error : new ApiError(String((error as Error)?.message ?? error), 'ERROR');
  const titles: Record<string, Key> = { NOT_FOUND: 'errNotFound', AMBIGUOUS: 'errAmbiguous', NETWORK: 'errNetwork' };
  const title = t(titles[api.code] ?? 'errOther') + (api.code === 'NOT_FOUND' && api.asked ? `：${api.asked}` : '');
  return h(
    'div',
    { class: 'error-box', role: 'alert', 'data-code': api.code },
    h('strong', null, title),
    h('p', { class: 'muted' }, api.message),
    api.candidates.length
      ? h(
          'div',
          { class: 'candidates' },
          h('span', null, api.code === 'AMBIGUOUS' ? '' : t('didYouMean')),
          api.candidates.map((c) =>
            h(
              'button',
              { type: 'button', class: 'candidate', 'data-id': c.id, onclick: () => choose(c, api.asked) },
              kindBadge(c.kind),
              ' ',
              nameOf(c),
              altNameOf(c) ? h('span', { class: 'alt' }, ` ${altNameOf(c)}`) : null,
            ),
          ),
        )
      : null,
  );
}

// ---------------------------------------------------------------- layers and history

/** Whether a fact is seeded (curated files) or contributed (accepted by a curator). */
export const layerBadge = (origin: string | null | undefined): HTMLElement | null =>
  origin ? h('span', { class: `layer layer-${origin}`, 'data-layer': origin }, t(origin === 'CONTRIB' ? 'contributed' : 'seeded')) : null;

/** The statements about one fact, oldest first. */
export function statementList(history: Statement[]): HTMLElement {
  return h(
    'ol',
    null,
    history.map((s) =>
      h(
        'li',
        { class: s.current ? 'current' : 'not-current' },
        s.asOf ?? '—',
        ' · ',
        [s.capacity ?? s.amount ?? '', s.unit ?? ''].join(' ').trim(),
        ' ',
        s.status ?? '',
        ' ',
        layerBadge(s.origin),
        s.retracted ? ` ${t('retracted')}` : !s.current ? ` ${t('superseded')}` : '',
        s.reviewedBy ? h('small', { class: 'muted' }, ` ${s.reviewedBy}`) : null,
      ),
    ),
  );
}

/** The chain of statements about one fact; shown only when there is more than one. */
export function historyList(history: Statement[] | undefined): HTMLElement | null {
  if (!history || history.length < 2) return null;
  return h('details', { class: 'history', 'data-history': String(history.length) }, h('summary', null, `${t('history')} (${history.length})`), statementList(history));
}

/**
 * The same, asked for only when the reader opens it: `load` answers the statements (the view's
 * one query for all of them, cached by the page).
 */
export function lazyHistoryList(load: () => Promise<Statement[]>): HTMLElement {
  const summary = h('summary', null, t('history'));
  const body = h('div', null);
  const details = h('details', { class: 'history' }, summary, body);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.history) return;
    fill(body, loading());
    try {
      const history = await load();
      details.dataset.history = String(history.length);
      summary.textContent = `${t('history')} (${history.length})`;
      fill(body, statementList(history));
    } catch (error) {
      fill(body, errorBox(error));
    }
  });
  return details;
}
