import { valueFromASTUntyped, type FieldNode, type GraphQLResolveInfo, type SelectionNode, type SelectionSetNode } from 'graphql';
import { propertiesOf, type Selection } from '../services/rows.js';
import type { PlacementsAsk } from './loaders.js';
import { deepFreeze } from '../cache/frozen.js';

/**
 * What a question's rows must carry, read from the GraphQL selection under a field: the stored
 * properties of the entities it returns (`fields`) and of the relations behind its edges and
 * productions (`relFields`). The Cypher side sends only those (tokens SELECTED, SELECTED_REL in
 * src/db/queries.ts); null means every property, as before — the answer to any selection this module
 * cannot vouch for.
 *
 * The rule, once: a field with the default resolver reads the property of its own name; a field with
 * a resolver reads what READS lists (nothing: it loads by id, or it is computed); a field with a
 * resolver that READS does not know makes the whole selection null. So a new resolver that reads a
 * property is never served a row without it: at worst it costs the bytes it cost before.
 */

/** Every entity row carries these: identity, __resolveType (kind), a production's status rule (kind, status). */
const ENTITY_BASE = ['id', 'kind', 'name', 'status'];
const EVIDENCE = ['evDocs', 'evQuotes', 'evNotes'];

/** Entity fields with a resolver: the properties each reads of its row ([]: it loads what it needs by id). */
const ENTITY_READS: Record<string, string[]> = {
  kind: ['kind'],
  aliases: ['aliases'],
  sources: EVIDENCE,
  descriptionZh: ['descriptionZh'],
  facts: ['factsJson'],
  investment: ['factsJson'],
  annualOutput: ['factsJson'],
  placeKind: ['placeKind'],
  code: ['code'],
  sixBases: ['sixBases'],
  origin: ['origin'],
  reviewedBy: ['reviewedBy'],
  ...Object.fromEntries(
    [
      'relations', 'relationsConnection', 'placements', 'products', 'projects', 'industries', 'customers', 'suppliers', 'parent', 'ancestors', 'children', 'bases',
      'concerns', 'issuedBy', 'places', 'firms', 'participants', 'place', 'inputs', 'outputs', 'byproducts', 'producers',
    ].map((f) => [f, []]),
  ),
};

/** Edge fields: the relation properties each reads (the Edge resolvers; type, from, to and the ends are not properties). */
const EDGE_READS: Record<string, string[]> = {
  ...Object.fromEntries(['type', 'typeLabel', 'typeDescription', 'from', 'to', 'fromEntity', 'toEntity', 'history'].map((f) => [f, []])),
  ...Object.fromEntries(
    ['role', 'status', 'capacity', 'unit', 'amount', 'amountUnit', 'output', 'asOf', 'label', 'labelZh', 'joint', 'siteNotStated', 'origin', 'reviewedBy', 'reviewedAt', 'supersededBy', 'retracted', 'retractedReason'].map((f) => [f, [f]]),
  ),
  sources: EVIDENCE,
  id: ['key'],
  current: ['superseded'],
};

/** Production fields: the PRODUCES properties each reads (toProduction in src/services/chains.ts, the Production resolvers). */
const PRODUCTION_READS: Record<string, string[]> = {
  capacity: ['capacity'],
  unit: ['unit'],
  status: ['status'],
  asOf: ['asOf'],
  sources: EVIDENCE,
  output: ['output'],
  measure: ['capacity', 'output'],
  siteNotStated: ['siteNotStated'],
  origin: ['origin'],
  current: ['superseded'],
  firm: [],
  producer: [],
  product: [],
  place: [],
};

/** FirmPlacement (a LOCATED_IN) and PolicyRelevance (a CONCERNS): what each field reads of the relation. */
const PLACEMENT_READS: Record<string, string[]> = { firm: [], place: [], role: ['role'], status: ['status'], sources: EVIDENCE };
const RELEVANCE_READS: Record<string, string[]> = { policy: [], via: [], inherited: [], sources: EVIDENCE };

// Read untyped (the schema's graphql module may be another copy than this one: no instanceof checks).
interface LooseType {
  name: string;
  getFields?: () => Record<string, { type: unknown; resolve?: unknown; args?: readonly { name: string; defaultValue: unknown }[] }>;
  getInterfaces?: () => { name: string }[];
}
const named = (type: unknown): LooseType => {
  let t = type as { ofType?: unknown };
  while (t.ofType) t = t.ofType as { ofType?: unknown };
  return t as unknown as LooseType;
};

/**
 * The selection under `nodes`, fields of the type `parent` (default: the field being resolved),
 * collected over fragments.
 *
 * Remembered per field nodes: a selection is read from the operation's syntax alone (no variables, no
 * arguments, no directives: fields @skip leaves out only add properties), and graphql-yoga's parser
 * cache hands every request of the same text the same nodes. So a list's every item (a hundred firms'
 * placements, their places' ancestors) and every later request of that text reuse the first answer.
 * Kept in a WeakMap on the first node: it goes with the document. Answers are frozen, lists too: a
 * caller that changed one would change it for all.
 */
export function selected(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes, parent: string = info.parentType.name): Selection {
  if (!nodes.length) return selectionOf(info, nodes, parent);
  const entries = selections.get(nodes[0]) ?? [];
  const hit = entries.find((e) => e.parent === parent && e.schema === info.schema && e.nodes.length === nodes.length && e.nodes.every((n, i) => n === nodes[i]));
  if (hit) return hit.value;
  const value = deepFreeze(selectionOf(info, nodes, parent));
  entries.push({ nodes: [...nodes], parent, schema: info.schema, value });
  selections.set(nodes[0], entries);
  return value;
}
const selections = new WeakMap<FieldNode, { nodes: readonly FieldNode[]; parent: string; schema: unknown; value: Selection }[]>();

function selectionOf(info: GraphQLResolveInfo, nodes: readonly FieldNode[], parent: string): Selection {
  const entity = new Set(ENTITY_BASE);
  const relation = new Set<string>();
  const result = { entityAll: false, relationAll: false, made: false, edgeCursors: false, endCursor: false, documents: false };
  const relationReads: Record<string, Record<string, string[]>> = { Edge: EDGE_READS, Production: PRODUCTION_READS, FirmPlacement: PLACEMENT_READS, PolicyRelevance: RELEVANCE_READS };
  const isEntity = (t: LooseType) => t.name === 'Entity' || (t.getInterfaces?.() ?? []).some((i) => i.name === 'Entity');
  // An interface field's resolvers are its implementations': each must be vouched for.
  const implementations = (t: LooseType): LooseType[] =>
    t.name === 'Entity' ? (info.schema.getPossibleTypes(info.schema.getType('Entity') as never) as unknown as LooseType[]) : [t];

  // `owner`: the type whose field this selection belongs to (Evidence under a relation's sources, or an entity's);
  // `nested`: an entity lies on the way here (its relations are not the rows' own).
  const walk = (type: LooseType, selections: readonly SelectionNode[], owner = '', nested = false) => {
    for (const s of selections) {
      if (s.kind === 'InlineFragment') {
        walk(s.typeCondition ? (info.schema.getType(s.typeCondition.name.value) as unknown as LooseType) : type, s.selectionSet.selections, owner, nested);
        continue;
      }
      if (s.kind === 'FragmentSpread') {
        const fragment = info.fragments[s.name.value];
        if (fragment) walk(info.schema.getType(fragment.typeCondition.name.value) as unknown as LooseType, fragment.selectionSet.selections, owner, nested);
        continue;
      }
      const name = s.name.value;
      if (name.startsWith('__')) continue; // __typename: kind is in the base
      const field = type.getFields?.()[name];
      if (!field) continue;
      // The product made: Production.product, and any field this module does not vouch for (history reads it).
      if (type.name === 'Production' && (name === 'product' || !(name in PRODUCTION_READS))) result.made = true;
      if (name === 'cursor' && type.name.endsWith('Edge')) result.edgeCursors = true;
      if (name === 'endCursor' && type.name === 'PageInfo') result.endCursor = true;
      // The documents the rows' own relations cite (a production's, a placement's sources): not an entity's, nor those of relations further down.
      if (name === 'document' && type.name === 'Evidence' && owner in relationReads && !nested) result.documents = true;
      if (isEntity(type)) {
        const reads = ENTITY_READS[name];
        if (reads) reads.forEach((p) => entity.add(p));
        else if (implementations(type).every((t) => !t.getFields?.()[name]?.resolve)) entity.add(name);
        else result.entityAll = true;
      } else if (relationReads[type.name]) {
        const reads = relationReads[type.name][name];
        if (reads) reads.forEach((p) => relation.add(p));
        else result.relationAll = true;
      }
      if (s.selectionSet) walk(named(field.type), s.selectionSet.selections, type.name, nested || isEntity(type));
    }
  };
  const parentType = info.schema.getType(parent) as unknown as LooseType | undefined;
  for (const node of nodes) {
    const field = parentType?.getFields?.()[node.name.value];
    if (!field) result.entityAll = result.relationAll = true;
    else if (node.selectionSet) walk(named(field.type), node.selectionSet.selections);
  }
  return {
    fields: result.entityAll ? null : [...entity].sort(),
    relFields: result.relationAll ? null : [...relation].sort(),
    // Row parts beyond properties, left out only when the selection is known not to read them.
    ...(result.entityAll || result.made ? {} : { withMade: false }),
    ...(result.edgeCursors ? {} : { edgeCursors: false }),
    ...(result.edgeCursors || result.endCursor ? {} : { cursors: false }),
    ...(result.documents ? { withDocuments: true } : {}),
  };
}

/** Whether @skip and @include let a selection through with this request's variables (a field not read is not fetched ahead). */
function included(info: GraphQLResolveInfo, node: SelectionNode): boolean {
  return (node.directives ?? []).every((d) => {
    if (d.name.value !== 'skip' && d.name.value !== 'include') return true;
    const condition = d.arguments?.find((a) => a.name.value === 'if');
    const value = condition ? valueFromASTUntyped(condition.value, info.variableValues) : undefined;
    return d.name.value === 'skip' ? value !== true : value !== false;
  });
}

/** The fields named `name` in a selection set, through inline fragments and fragment spreads, those @skip or @include leave out left out. */
export function fieldsNamed(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, name: string): FieldNode[] {
  return (set?.selections ?? []).flatMap((s): FieldNode[] => {
    if (!included(info, s)) return [];
    if (s.kind === 'Field') return s.name.value === name ? [s] : [];
    if (s.kind === 'InlineFragment') return fieldsNamed(info, s.selectionSet, name);
    return fieldsNamed(info, info.fragments[s.name.value]?.selectionSet, name);
  });
}

/**
 * A field nested below the one being resolved: `path`, the field names down to it (through fragments),
 * and `parent`, the type it is a field of (its resolver's info.parentType).
 */
export interface NestedField {
  path: string[];
  parent: string;
}

/** The field nodes at the end of `path` from `from`; null when it is not read, or read under several aliases. */
function nodesAt(info: GraphQLResolveInfo, path: string[], from: readonly FieldNode[]): readonly FieldNode[] | null {
  let nodes = from;
  for (const field of path) {
    nodes = nodes.flatMap((node) => fieldsNamed(info, node.selectionSet, field));
    // Each alias resolves with its own selection: no single key to prime.
    if (!nodes.length || new Set(nodes.map((n) => n.alias?.value ?? n.name.value)).size > 1) return null;
  }
  return nodes;
}

/**
 * The properties a nested field will ask its loader for, read from here before it runs, as that
 * field's own resolver computes them (propertiesOf(selected(info))): a value primed under it is the
 * one the field finds. Null when it is not read, or read under several aliases.
 */
export function nestedSelection(info: GraphQLResolveInfo, nested: NestedField, from: readonly FieldNode[] = info.fieldNodes): Pick<Selection, 'fields' | 'relFields'> | null {
  const nodes = nodesAt(info, nested.path, from);
  return nodes && propertiesOf(selected(info, nodes, nested.parent));
}

/** FirmPlacement.place.ancestors, read from Firm.placements. */
const PLACE_ANCESTORS: NestedField = { path: ['place', 'ancestors'], parent: 'Place' };

/**
 * What Firm.placements asks its loader with, from its field nodes: its own selection and its places'
 * ancestors' (null: not read). The one rule for that key: the field uses it, and so does a question
 * whose rows bring the placements to prime the loader with (placementsAskedAt).
 */
export function placementsAsk(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes): Pick<PlacementsAsk, 'select' | 'ancestors'> {
  // Not remembered as a whole: which ancestors nodes are read depends on @skip/@include and the variables.
  // Its parts are (selected() and propertiesOf), so the loader keys made of them are too.
  return { select: propertiesOf(selected(info, nodes, 'Firm')), ancestors: nestedSelection(info, PLACE_ANCESTORS, nodes) };
}

/** placementsAsk for the Firm.placements at the end of `path` below the field being resolved; null when not read there. */
export function placementsAskedAt(info: GraphQLResolveInfo, path: string[]) {
  const nodes = nodesAt(info, path, info.fieldNodes);
  return nodes && placementsAsk(info, nodes);
}

/**
 * A page a question can fetch ahead for a nested list field (`nested`: its path below the field being
 * resolved and its parent type): the arguments its resolver will receive (defaults filled in,
 * variables read) and the selection it will read the page with — so the question's rows can prime the
 * field's loader under the very key the field asks with. Null when it is not read, or read under
 * several aliases (each would ask with its own selection). (One alias in several places has the same
 * arguments everywhere: GraphQL's validation makes sure of it.)
 */
export function askedPage(info: GraphQLResolveInfo, nested: NestedField): { args: Record<string, unknown>; select: Selection } | null {
  const nodes = nodesAt(info, nested.path, info.fieldNodes);
  const field = (info.schema.getType(nested.parent) as unknown as LooseType | undefined)?.getFields?.()[nested.path[nested.path.length - 1]];
  if (!nodes || !field?.args) return null;
  const args: Record<string, unknown> = Object.fromEntries(field.args.map((a) => [a.name, a.defaultValue ?? null]));
  for (const arg of nodes[0].arguments ?? []) {
    // A variable the operation did not set keeps the argument's default.
    if (arg.value.kind === 'Variable' && !(arg.value.name.value in info.variableValues)) continue;
    args[arg.name.value] = valueFromASTUntyped(arg.value, info.variableValues) ?? null;
  }
  return { args, select: selected(info, nodes, nested.parent) };
}
