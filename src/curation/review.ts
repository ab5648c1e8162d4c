import { refreshAreasAfter } from '../areas/refresh.js';
import { refreshRanksAfter } from '../producers/refresh.js';
import { Q } from '../db/queries.js';
import { CAPACITY_QUOTE_RULE, capacityIsQuoted } from '../domain/facts.js';
import type { Curator } from '../auth/tokens.js';
import type { GraphDb } from '../db/graph.js';
import { ENTITY_KINDS, RELATION_RULES, RELATION_TYPES, type RelationType } from '../seed/model.js';
import { AmbiguousError, BadInputError, UserFacingError } from '../services/errors.js';
import type { NodeRow } from '../services/rows.js';
import { entityNames } from '../text/names.js';
import { auditId, contribFactKey, newEntityIds } from './ids.js';
import { CandidateEditModel, type CandidateEdit, type CandidateRow } from './model.js';
import { supersededKeys, type Statement } from './supersede.js';
import { ConflictError, inTransaction, type Run } from './tx.js';

export type Decision = 'ACCEPT' | 'REJECT';
type Kind = (typeof ENTITY_KINDS)[number];

export interface ReviewOutcome {
  candidate: CandidateRow;
  entity: NodeRow | null;
  fact: { type: string; from: string; to: string; props: Record<string, unknown> } | null;
}

class NotFound extends UserFacingError {
  constructor(what: string, id: string) {
    super(`No ${what} ${id}.`, 'NOT_FOUND', { id, candidates: [] });
  }
}

/** The place kind a new place's name suggests; the curator can always say otherwise (edit.newEntity.placeKind). */
function placeKindOf(name: string): string | null {
  if (/(园区|工业园|开发区|高新区|产业园|园)$/.test(name)) return 'park';
  if (/新区$/.test(name)) return 'new_area';
  if (/(自治州|州)$/.test(name)) return 'prefecture';
  if (/(县|市)$/.test(name)) return 'county';
  if (/区$/.test(name)) return 'district';
  if (/(镇|乡)$/.test(name)) return 'town';
  return null;
}

async function nodesById(run: Run, ids: string[]): Promise<Map<string, NodeRow>> {
  const rows = await run(Q.entitiesByIds, { ids });
  return new Map(rows.map((r) => [r.node.id, r.node]));
}

const now = () => new Date().toISOString();

/**
 * Accepts or rejects a candidate in ONE transaction: the fact or entity with its evidence (document and
 * quote), reviewedBy/reviewedAt, supersession of older statements, the decision and its audit entry all
 * land together or not at all. Deciding again as before returns the same result and writes nothing new.
 */
export async function reviewCandidate(db: GraphDb, curator: Curator, id: string, decision: Decision, rawEdit: unknown): Promise<ReviewOutcome> {
  const parsedEdit = CandidateEditModel.safeParse(rawEdit ?? {});
  if (!parsedEdit.success) {
    const issue = parsedEdit.error.issues[0];
    throw new BadInputError(`edit.${issue.path.join('.')}`, issue.message);
  }
  const edit = parsedEdit.data;
  const stamp = now();
  return inTransaction(db, 'reviewCandidate', async (run) => {
    const [locked] = await run(Q.curationLockCandidate, { id, now: stamp });
    if (!locked) throw new NotFound('candidate', id);
    const candidate = locked.candidate;
    const wanted = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
    if (candidate.state !== 'PENDING') {
      if (candidate.state !== wanted) {
        throw new ConflictError(`Candidate ${id} was already ${candidate.state.toLowerCase()} by ${candidate.reviewedBy} at ${candidate.reviewedAt}.`, { state: candidate.state });
      }
      return resultOf(run, candidate);
    }
    const decided = { state: wanted, reviewedBy: curator.name, reviewedAt: stamp, reason: edit.reason ?? null, editJson: JSON.stringify(edit) };
    const audit = (summary: string, extra: Record<string, unknown> = {}) =>
      run(Q.curationAudit, {
        id: auditId(decision.toLowerCase(), id),
        props: { at: stamp, curator: curator.name, role: curator.role, action: decision === 'ACCEPT' ? 'accept' : 'reject', target: id, document: candidate.document, summary, ...extra },
      });

    if (decision === 'REJECT') {
      const [row] = await run(Q.curationDecide, { id, props: decided });
      await audit(`rejected ${describe(candidate)}${edit.reason ? `: ${edit.reason}` : ''}`);
      return { candidate: row.candidate, entity: null, fact: null };
    }
    if (candidate.type === 'entity') {
      const { entity, created } = await acceptEntity(run, curator, candidate, edit, stamp);
      const [row] = await run(Q.curationDecide, { id, props: { ...decided, resolvedId: entity.id } });
      await audit(`${created ? 'created' : 'matched'} ${entity.kind} ${entity.name} [${entity.id}]`, { entity: entity.id });
      return { candidate: row.candidate, entity, fact: null };
    }
    const fact = await acceptRelation(run, curator, candidate, edit, stamp);
    const [row] = await run(Q.curationDecide, { id, props: { ...decided, factKey: fact.props.key } });
    const superseded = (fact.props.supersedes as string[]) ?? [];
    await audit(`added ${fact.type} ${fact.from} → ${fact.to}${superseded.length ? ` (supersedes ${superseded.join(', ')})` : ''}`, { fact: fact.props.key });
    return { candidate: row.candidate, entity: null, fact };
  });
}

const describe = (c: CandidateRow) => (c.type === 'entity' ? `${c.kind} ${c.name}` : `${c.relationType} ${c.from} → ${c.to}`);

/** What an already decided candidate produced, for an idempotent retry. */
async function resultOf(run: Run, candidate: CandidateRow): Promise<ReviewOutcome> {
  if (candidate.resolvedId) {
    const nodes = await nodesById(run, [candidate.resolvedId]);
    return { candidate, entity: nodes.get(candidate.resolvedId) ?? null, fact: null };
  }
  if (candidate.factKey) {
    const [type, from, to] = candidate.factKey.split('|');
    const [row] = await run(Q.curationFactByKey, { type, from, to, key: candidate.factKey });
    return { candidate, entity: null, fact: row ? { type, from, to, props: row.rel } : null };
  }
  return { candidate, entity: null, fact: null };
}

async function acceptEntity(run: Run, curator: Curator, c: CandidateRow, edit: CandidateEdit, stamp: string): Promise<{ entity: NodeRow; created: boolean }> {
  const matches = c.matches ?? [];
  const chosen = edit.entity ?? (edit.newEntity ? null : c.match ?? null);
  if (chosen) {
    const node = (await nodesById(run, [chosen])).get(chosen);
    if (!node) throw new BadInputError('edit.entity', `no entity ${chosen}`);
    return { entity: node, created: false };
  }
  if (matches.length > 1 && !edit.newEntity) {
    const nodes = await nodesById(run, matches);
    throw new AmbiguousError(c.name ?? '', [...nodes.values()].map((n) => ({ id: n.id, kind: n.kind, name: n.name, nameEn: n.nameEn ?? null })));
  }
  const spec: NonNullable<CandidateEdit['newEntity']> = edit.newEntity ?? { nameEn: null };
  const kind = (spec.kind ?? c.kind) as Kind;
  const name = spec.name ?? c.name ?? '';
  const placeKind = kind === 'Place' ? (spec.placeKind ?? placeKindOf(name)) : null;
  if (kind === 'Place' && !placeKind) throw new BadInputError('edit.newEntity.placeKind', `say what kind of place ${name} is`);
  const ids = newEntityIds(kind, name, c.id);
  const taken = new Set((await run(Q.curationIdsTaken, { ids })).map((r) => r.id));
  const id = ids.find((x) => !taken.has(x));
  if (!id) throw new ConflictError(`Both ids for ${name} are taken: ${ids.join(', ')}.`);
  let within: NodeRow | undefined;
  if (spec.within) {
    within = (await nodesById(run, [spec.within])).get(spec.within);
    if (within?.kind !== 'Place' || kind !== 'Place') throw new BadInputError('edit.newEntity.within', `${spec.within} is not a place a new place can lie in`);
  }
  const mention = (JSON.parse(c.mentionsJson ?? '[]') as { quote: string }[])[0];
  const names = entityNames(name, spec.nameEn ?? null, spec.aliases ?? []);
  const props = {
    kind,
    name,
    nameEn: spec.nameEn ?? null,
    aliases: names.aliases,
    // The aliases the curator gave (aliases adds derived traditional and pinyin forms): what an export writes back.
    curatedAliases: spec.aliases ?? [],
    primaryKeys: names.primaryKeys,
    searchKeys: names.searchKeys,
    searchText: names.searchText,
    placeKind,
    factsJson: '[]',
    evDocs: [c.document],
    evQuotes: [mention?.quote ?? name],
    evNotes: [''],
    reviewedBy: curator.name,
    reviewedAt: stamp,
    candidate: c.id,
  };
  const [row] = await run(Q.curationCreateEntity, { id, kind, props });
  // Its name keys in the same transaction: lookup resolves names through :NameKey nodes only.
  await run(Q.nameKeysSync, { ids: [id] });
  if (within) {
    await run(Q.curationCreateFact, {
      type: 'WITHIN', from: id, to: within.id, key: contribFactKey('WITHIN', id, within.id, c.id),
      props: { evDocs: [''], evQuotes: [''], evNotes: [`placed by ${curator.name} when creating ${name}`], reviewedBy: curator.name, reviewedAt: stamp, candidate: c.id },
    });
    await refreshAreasAfter(run, [{ type: 'WITHIN', from: id }]);
  }
  return { entity: row.node, created: true };
}

async function endOf(run: Run, c: CandidateRow, side: 'from' | 'to', edited: string | null | undefined): Promise<string> {
  const id = edited ?? (side === 'from' ? c.fromId : c.toId);
  if (id) return id;
  const name = (side === 'from' ? c.from : c.to) ?? '';
  const [row] = await run(Q.curationResolvedName, { document: c.document, name });
  if (row?.id) return row.id;
  throw new BadInputError(`edit.${side}`, `"${name}" is not matched to an entity yet: accept its entity candidate first, or give edit.${side}`);
}

async function acceptRelation(run: Run, curator: Curator, c: CandidateRow, edit: CandidateEdit, stamp: string) {
  const type = c.relationType as RelationType;
  if (!RELATION_TYPES.includes(type)) throw new BadInputError('id', `unknown relation type ${c.relationType}`);
  const from = await endOf(run, c, 'from', edit.from);
  const to = await endOf(run, c, 'to', edit.to);
  const nodes = await nodesById(run, [from, to, ...(edit.at ? [edit.at] : [])]);
  const rule = RELATION_RULES[type];
  const a = nodes.get(from);
  const b = nodes.get(to);
  if (!a) throw new BadInputError('edit.from', `no entity ${from}`);
  if (!b) throw new BadInputError('edit.to', `no entity ${to}`);
  if (from === to) throw new BadInputError('edit.to', 'a relation cannot join an entity to itself');
  if (!(rule.from as readonly string[]).includes(a.kind)) throw new BadInputError('edit.from', `${type} cannot start at a ${a.kind} (${a.name})`);
  if (!(rule.to as readonly string[]).includes(b.kind)) throw new BadInputError('edit.to', `${type} cannot end at a ${b.kind} (${b.name})`);
  if (edit.at && nodes.get(edit.at)?.kind !== 'Place') throw new BadInputError('edit.at', `${edit.at} is not a place`);

  const [doc] = await run(Q.curationDocumentText, { id: c.document });
  const text = String(doc?.text ?? '');
  if (edit.quote && !text.includes(edit.quote)) throw new BadInputError('edit.quote', 'not a verbatim part of the document');
  // A status moves along the ladder only with evidence: changing the extracted one needs the sentence that says so.
  const status = edit.status ?? c.status ?? null;
  if (edit.status && edit.status !== c.status && !edit.quote) {
    throw new BadInputError('edit.status', 'a status change needs the sentence of the document that states it (edit.quote)');
  }
  const key = contribFactKey(type, from, to, c.id);
  const props: Record<string, unknown> = {
    key,
    status,
    asOf: edit.asOf ?? c.asOf ?? (doc?.date as string | null) ?? null,
    evDocs: [c.document],
    evQuotes: [edit.quote ?? c.quote ?? ''],
    evNotes: [''],
    reviewedBy: curator.name,
    reviewedAt: stamp,
    candidate: c.id,
  };
  if (type === 'PRODUCES') Object.assign(props, { capacity: edit.capacity ?? c.capacity ?? null, unit: edit.unit ?? c.unit ?? null, at: edit.at ?? null });
  if (type === 'INVESTS_IN') Object.assign(props, { amount: edit.amount ?? c.amount ?? null, amountUnit: edit.currency ?? edit.unit ?? c.currency ?? c.unit ?? null });
  if (type === 'LOCATED_IN') Object.assign(props, { role: edit.role ?? null });
  if (props.capacity != null && !props.unit) throw new BadInputError('edit.unit', 'a capacity needs its unit');
  if (!capacityIsQuoted(props.capacity as number | null, props.evQuotes as string[])) {
    throw new BadInputError('edit.quote', `${CAPACITY_QUOTE_RULE}: give the sentence that states the capacity (edit.quote)`);
  }
  if (props.amount != null && !props.amountUnit) throw new BadInputError('edit.currency', 'an amount needs its unit');

  const existing: Statement[] = (await run(Q.curationSameFacts, { from, to, type })).map((r) => ({ rel: r.rel, docDate: r.docDate }));
  const supersedes = supersededKeys(type, props, existing);
  props.supersedes = supersedes;
  const [row] = await run(Q.curationCreateFact, { type, from, to, key, props });
  if (supersedes.length) await run(Q.curationSupersede, { type, from, to, keys: supersedes, by: key, now: stamp });
  // The area and producer indexes follow a new placement, WITHIN, production or KIND_OF (and what it supersedes) in the same transaction.
  await refreshAreasAfter(run, [{ type, from }]);
  await refreshRanksAfter(run, [{ type, from }]);
  return { type, from, to, props: row.rel };
}

/** Retracts a fact (admin): kept for the record with the reason, no longer current; what it superseded is current again. */
export async function retractFact(db: GraphDb, curator: Curator, key: string, reason: string) {
  if (!reason.trim()) throw new BadInputError('reason', 'say why the fact is retracted');
  if (reason.length > 500) throw new BadInputError('reason', 'at most 500 characters');
  const [type, from, to] = key.split('|');
  if (!type || !from || !to || !RELATION_TYPES.includes(type as RelationType)) throw new BadInputError('id', 'not a fact id (TYPE|from|to|…)');
  const stamp = now();
  return inTransaction(db, 'retractFact', async (run) => {
    const [found] = await run(Q.curationFactByKey, { type, from, to, key });
    if (!found) throw new NotFound('fact', key);
    const rel = found.rel;
    if (rel.retracted === true) return { type, from, to, props: rel };
    const [row] = await run(Q.curationRetract, { type, from, to, key, reason: reason.trim(), curator: curator.name, now: stamp });
    await refreshAreasAfter(run, [{ type, from }]);
    await refreshRanksAfter(run, [{ type, from }]);
    await run(Q.curationAudit, {
      id: auditId('retract', key),
      props: { at: stamp, curator: curator.name, role: curator.role, action: 'retract', target: key, document: (rel.evDocs as string[])?.[0] || null, summary: `retracted ${type} ${from} → ${to}: ${reason.trim()}`, fact: key },
    });
    return { type, from, to, props: row.rel };
  });
}
