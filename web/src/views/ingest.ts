/** 收录: paste an article, see what was recognized in it, and review the candidates into the graph. */
import { curatorToken, fresh, mutate, setCuratorToken } from '../api.js';
import { formatAmount, h, fill } from '../dom.js';
import type { CandidateEdit, CandidateFieldsFragment, DocQuery, ReviewDecision } from '../generated/graphql.js';
import { nameOf, relationLabel, t } from '../i18n.js';
import { DOCUMENT, INGEST, REVIEW } from '../operations.js';
import { entityHref, go, href } from '../router.js';
import { entityLink, errorBox, kindBadge, loading, section, statusBadge } from '../ui.js';
import type { ViewContext } from '../view.js';

type Candidate = CandidateFieldsFragment;
type Decision = ReviewDecision;
type Review = (c: Candidate, decision: Decision, edit?: CandidateEdit) => void;
type Mark = { start: number; end: number; c: Candidate };

function tokenBox(): HTMLElement {
  const input = h('input', { type: 'password', class: 'token', 'data-testid': 'token', autocomplete: 'off', value: curatorToken(), placeholder: 'gzk_…' });
  input.addEventListener('input', () => setCuratorToken(input.value.trim()));
  return h('label', { class: 'field' }, h('span', null, t('token')), input, h('small', { class: 'muted' }, t('tokenHint')));
}

/** Sends the article; on success opens its review. */
async function submitArticle(formEl: HTMLFormElement, submit: HTMLButtonElement, status: HTMLElement): Promise<void> {
  const data = new FormData(formEl);
  const value = (k: string) => String(data.get(k) ?? '').trim() || null;
  submit.disabled = true;
  fill(status, loading());
  try {
    const result = await mutate(INGEST, {
      input: { text: String(data.get('text') ?? ''), title: value('title'), publisher: value('publisher'), date: value('date'), url: value('url') },
    });
    go(href('ingest', result.ingestDocument.document.id));
  } catch (error) {
    fill(status, errorBox(error));
  } finally {
    submit.disabled = false;
  }
}

function form(): HTMLElement {
  const field = (name: string, label: string, type = 'text') => h('label', { class: 'field' }, h('span', null, label), h('input', { name, type, 'data-testid': `ingest-${name}` }));
  const text = h('textarea', { name: 'text', rows: 10, 'data-testid': 'ingest-text', required: true });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'ingest-submit' }, t('ingestButton'));
  const formEl = h(
    'form',
    { class: 'ingest-form card' },
    h('label', { class: 'field wide' }, h('span', null, t('articleText')), text),
    h('div', { class: 'fields' }, field('title', t('title')), field('publisher', t('publisher')), field('date', t('docDate'), 'date'), field('url', t('url'), 'url')),
    submit,
    status,
  );
  formEl.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitArticle(formEl, submit, status);
  });
  return formEl;
}

/** Where each entity candidate is named in the text: the name inside its mention when it is written as named, else the whole mention. */
function mentionMarks(candidates: Candidate[]): Mark[] {
  const marks: Mark[] = [];
  for (const c of candidates.filter((x) => x.kind === 'ENTITY')) {
    for (const m of c.mentions) {
      const at = c.name ? m.quote.indexOf(c.name) : -1;
      marks.push(at >= 0 ? { start: m.start + at, end: m.start + at + c.name!.length, c } : { start: m.start, end: m.end, c });
    }
  }
  // Names marked inside their sentence win over a whole-sentence mark that overlaps them.
  const precise = (m: Mark) => m.c.name !== null && m.end - m.start === m.c.name.length;
  marks.sort((a, b) => Number(precise(b)) - Number(precise(a)) || a.start - b.start);
  const kept: Mark[] = [];
  for (const m of marks) if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/** The text with every entity mention highlighted (by the candidate's state). */
function highlighted(text: string, candidates: Candidate[]): HTMLElement {
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const m of mentionMarks(candidates)) {
    out.push(text.slice(at, m.start));
    out.push(h('mark', { class: `mention kind-${m.c.entityKind} state-${m.c.state}`, title: `${m.c.entityKind} · ${m.c.state}`, 'data-candidate': m.c.id }, text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(text.slice(at));
  return h('div', { class: 'doc-text', 'data-testid': 'doc-text' }, out);
}

const stateLabel = (s: Candidate['state']) => t(s === 'PENDING' ? 'stateP' : s === 'ACCEPTED' ? 'stateA' : 'stateR');

function entityRow(c: Candidate, review: Review): HTMLElement {
  const ambiguous = c.matches.length > 1;
  const choice = ambiguous
    ? h('select', { class: 'pick', 'data-testid': 'pick' }, c.matches.map((m) => h('option', { value: m.id }, `${nameOf(m)} [${m.id}]`)), h('option', { value: '' }, t('createNew')))
    : null;
  const what = c.state === 'ACCEPTED' && c.resolvedEntity
    ? entityLink(c.resolvedEntity)
    : c.match
      ? [h('span', { class: 'muted' }, `${t('matched')}: `), entityLink(c.match)]
      : ambiguous
        ? [h('span', { class: 'warn' }, t('ambiguous')), ' ', choice]
        : h('span', { class: 'badge new' }, t('newEntity'));
  const edit = () => (choice ? ((choice as HTMLSelectElement).value ? { entity: (choice as HTMLSelectElement).value } : { newEntity: {} }) : undefined);
  return h(
    'li',
    { class: `candidate-row state-${c.state}`, 'data-candidate': c.id, 'data-state': c.state, 'data-testid': 'candidate' },
    c.entityKind ? kindBadge(c.entityKind) : null,
    ' ',
    h('strong', null, c.name ?? ''),
    ' ',
    what,
    actions(c, review, edit),
  );
}

function relationRow(c: Candidate, review: Review): HTMLElement {
  const figure = c.capacity !== null ? `${formatAmount(c.capacity)} ${c.unit ?? ''}` : c.amount !== null ? `${formatAmount(c.amount)} ${c.currency ?? c.unit ?? ''}` : '';
  const capacity = c.capacity !== null && c.state === 'PENDING' ? (h('input', { type: 'number', step: 'any', class: 'capacity', value: String(c.capacity), 'data-testid': 'capacity' }) as HTMLInputElement) : null;
  const edit = () => (capacity && Number(capacity.value) !== c.capacity ? { capacity: Number(capacity.value) } : undefined);
  return h(
    'li',
    { class: `candidate-row state-${c.state}`, 'data-candidate': c.id, 'data-state': c.state, 'data-type': c.relationType ?? '', 'data-testid': 'candidate' },
    h('span', { class: 'sentence' }, h('strong', null, c.from ?? ''), ' ', h('span', { class: 'verb' }, relationLabel(c.relationType ?? '')), ' ', h('strong', null, c.to ?? '')),
    ' ',
    capacity ? [capacity, ` ${c.unit ?? ''}`] : figure ? h('span', { class: 'muted' }, figure) : null,
    ' ',
    statusBadge(c.status),
    c.quote ? h('q', { class: 'quote' }, c.quote) : null,
    c.fact ? h('a', { class: 'small-link', href: entityHref({ id: c.fact.from, kind: 'FIRM' }) }, t('openResult')) : null,
    actions(c, review, edit),
  );
}

function actions(c: Candidate, review: Review, edit: () => CandidateEdit | undefined): HTMLElement {
  if (c.state !== 'PENDING') return h('span', { class: `state state-${c.state}` }, stateLabel(c.state));
  return h(
    'span',
    { class: 'actions' },
    h('button', { type: 'button', class: 'button small primary', 'data-testid': 'accept', onclick: () => review(c, 'ACCEPT', edit()) }, t('accept')),
    h('button', { type: 'button', class: 'button small', 'data-testid': 'reject', onclick: () => review(c, 'REJECT') }, t('reject')),
  );
}

/** The document's text beside the entities and relations found in it, each with its review buttons. */
function reviewBody(data: DocQuery & { document: NonNullable<DocQuery['document']> }, review: Review): HTMLElement {
  const all = [...data.pending.edges, ...data.accepted.edges, ...data.rejected.edges].map((e) => e.node).sort((a, b) => a.start - b.start);
  return h(
    'div',
    { class: 'two-col', 'data-ready': 'ingest' },
    h('div', { class: 'col-main' }, section(`${t('documentText')} · ${data.document.title}`, highlighted(data.document.text ?? '', all))),
    h(
      'div',
      { class: 'col-side' },
      section(t('entitiesFound'), h('ul', { class: 'plain candidates-list' }, all.filter((c) => c.kind === 'ENTITY').map((c) => entityRow(c, review)))),
      section(t('relationsFound'), h('ul', { class: 'plain candidates-list' }, all.filter((c) => c.kind === 'RELATION').map((c) => relationRow(c, review)))),
    ),
  );
}

async function documentReview(el: HTMLElement, id: string, alive: () => boolean): Promise<void> {
  const status = h('div', { class: 'form-status', 'data-testid': 'review-status' });
  const body = h('div', null, loading());
  fill(el, h('h1', null, t('ingestTitle')), tokenBox(), status, body);
  // Each decision is sent with the curator's token, then the queue is read again.
  const review: Review = async (c, decision, edit) => {
    fill(status, loading());
    try {
      await mutate(REVIEW, { id: c.id, decision, edit });
      fill(status);
      await paint();
    } catch (error) {
      fill(status, errorBox(error));
    }
  };
  const paint = async () => {
    const data = await fresh(DOCUMENT, { id, d: id });
    if (!alive()) return;
    const document = data.document;
    if (!document) return fill(body, errorBox(new Error(`${t('errNotFound')}: ${id}`)));
    fill(body, reviewBody({ ...data, document }, review));
    el.setAttribute('data-ready', 'ingest');
  };
  try {
    await paint();
  } catch (error) {
    if (alive()) fill(body, errorBox(error));
  }
}

export async function ingestView({ el, route, alive }: ViewContext): Promise<void> {
  if (route.arg) return documentReview(el, route.arg, alive);
  fill(el, h('h1', null, t('ingestTitle')), h('p', { class: 'muted' }, t('ingestHint')), tokenBox(), form());
  el.setAttribute('data-ready', 'ingest-form');
}
