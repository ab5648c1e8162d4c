import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { RELATIONS_LIST_DEFAULT } from '../../services/relations.js';

// Types are inspected by shape, not with graphql's isXType(): those check instanceof, and graphql's
// CJS and ESM builds (each with its own classes) may both be loaded in one process.
type Composite = { name: string; getFields?: () => Record<string, GraphQLField<unknown, unknown>> };
const wrapped = (t: unknown): t is { ofType: GraphQLOutputType } => typeof t === 'object' && t !== null && 'ofType' in t;
const namedOf = (t: GraphQLOutputType): GraphQLOutputType => (wrapped(t) ? namedOf(t.ofType) : t);
const isComposite = (t: unknown): t is Composite => typeof t === 'object' && t !== null && ('getFields' in t || 'getTypes' in t);

/** The field's arguments from literals, variables and defaults (invalid ones are left to graphql's validation). */
function argumentValues(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of def.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    let value: unknown = arg.defaultValue;
    if (given?.value.kind === Kind.VARIABLE) {
      const v = variables[given.value.name.value];
      if (v !== undefined && v !== null) value = v;
    } else if (given) {
      value = valueFromASTUntyped(given.value, variables);
    }
    values[arg.name] = value;
  }
  return values;
}

/**
 * The cost of one operation, computed from the document and the request's variables before
 * anything executes. The model (docs/limits.md):
 * - every object a field yields costs 1 (it may need a loader or a Cypher round trip); scalars cost 0;
 * - a root field costs its weight instead (the Cypher work behind it), scaled by maxHops or depth;
 * - a list multiplies everything selected under it by its expected length: `first` for connection
 *   edges, `limit` for a neighbourhood's nodes (twice that for its edges), maxHops for a path's
 *   nodes and edges, otherwise a per-field typical length; nested lists multiply;
 * - aliases are separate fields, fragments are expanded where they are spread, so every repetition counts.
 * The walk stops as soon as the running total passes the budget, so the computation itself stays bounded
 * (a fragment tree that expands exponentially is refused after `budget` steps, not walked).
 */
export interface CostModel {
  /** Work behind each root field; a function gets the field's arguments. */
  rootWeights: Record<string, number | ((args: Record<string, unknown>) => number)>;
  /** Expected list lengths by 'Type.field' (or '*.field'); a function gets the field's and its parent field's arguments. */
  listSizes: Record<string, number | ((args: Record<string, unknown>, parentArgs: Record<string, unknown>) => number)>;
  defaultListSize: number;
  /**
   * 'Type.field's whose objects are parsed from their parent's own row (no loader, no Cypher): they
   * cost nothing themselves (their size is bounded by the parent's bytes); what is selected under them
   * still multiplies by their list length.
   */
  embedded: ReadonlySet<string>;
  /** __schema / __type: introspection is answered from memory, at a fixed price. */
  introspectionCost: number;
}

const int = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback);

/** The paths service returns at most this many paths (see src/services/paths.ts). */
const PATHS_RETURNED = 20;

export const COST_MODEL: CostModel = {
  rootWeights: {
    search: 5,
    lookup: 2,
    entity: 1,
    firmsIn: 5,
    supplyChain: 20,
    chainGaps: 40,
    path: (a) => 10 * int(a.maxHops, 5),
    policies: 10,
    projects: 10,
    industrialBases: 5,
    // Breadth-first over `depth` levels, keeping up to `limit` entities: the work grows with both.
    neighborhood: (a) => int(a.depth, 1) * int(a.limit, 100),
    documents: 2,
  },
  listSizes: {
    // Every connection's edges (search, firmsIn, a chain step's producers, a gap's candidates,
    // suppliersOf, reviewQueue, audit): the `first` asked for, the SDL's default when omitted
    // (argumentValues fills it in). One rule, so no connection is costed at a flat guess.
    '*.edges': (_, parent) => int(parent.first, 20),
    'Subgraph.nodes': (_, parent) => int(parent.limit, 100),
    'Subgraph.edges': (_, parent) => 2 * int(parent.limit, 100),
    'Query.path': PATHS_RETURNED,
    'Path.nodes': (_, parent) => int(parent.maxHops, 5) + 1,
    'Path.edges': (_, parent) => int(parent.maxHops, 5),
    // An entity's relations: the list's `first` (default 250: src/services/relations.ts); relationsConnection's pages are '*.edges'.
    '*.relations': (args) => int(args.first, RELATIONS_LIST_DEFAULT),
    '*.children': 30,
    '*.ancestors': 5,
    '*.sources': 2,
    '*.facts': 5,
    // The entities a candidate's name could mean: at most 2 for any of the seed's 4,330 names and aliases
    // (measured 2026-11-26); 5 leaves room for contributed ones. Keeps the ingest view (three lists of 100) cheap.
    'Candidate.matches': 5,
    // A statement's history: the statements it superseded or that superseded it, rarely more than a few.
    '*.history': 3,
  },
  defaultListSize: 20,
  // A candidate's mentions are JSON on the candidate's node (src/graphql/resolvers/curation): parsing them is the only work.
  embedded: new Set(['Candidate.mentions']),
  introspectionCost: 100,
};

export class CostWalk {
  total = 0;
  private steps = 0;
  private readonly fragments: Map<string, FragmentDefinitionNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
    private readonly budget: number,
    private readonly model: CostModel = COST_MODEL,
  ) {
    this.fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
  }

  /** True once the total is over the budget (or the walk itself took more steps than the budget allows). */
  get over(): boolean {
    return this.total > this.budget;
  }

  operation(operation: OperationDefinitionNode): number {
    const root = operation.operation === 'query' ? this.schema.getQueryType() : operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getSubscriptionType();
    if (root) this.selections(operation.selectionSet, root as unknown as Composite, 1, {}, true);
    return this.total;
  }

  private selections(set: SelectionSetNode, parent: Composite, multiplier: number, parentArgs: Record<string, unknown>, isRoot: boolean): void {
    for (const selection of set.selections) {
      if (this.over) return;
      // Every node visited counts a little, so even selections of free fields cannot make the walk itself long.
      if (++this.steps > this.budget * 10) {
        this.total = Math.max(this.total, this.budget + 1);
        return;
      }
      if (selection.kind === Kind.FIELD) this.field(selection, parent, multiplier, parentArgs, isRoot);
      else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parent;
        this.selections(fragment.selectionSet, isComposite(condition) ? condition : parent, multiplier, parentArgs, isRoot);
      }
    }
  }

  private field(node: FieldNode, parent: Composite, multiplier: number, parentArgs: Record<string, unknown>, isRoot: boolean): void {
    const name = node.name.value;
    if (name === '__typename') return;
    if (name === '__schema' || name === '__type') {
      this.total += this.model.introspectionCost;
      return;
    }
    const def = this.fieldDef(parent, name);
    if (!def) return; // validation reports unknown fields
    const args = argumentValues(def, node, this.variables);
    const named = namedOf(def.type);
    const composite = isComposite(named);
    if (isRoot) this.total += multiplier * this.rootWeight(name, args);
    if (!composite) return;
    // Every object the field yields costs 1: a list of them costs its expected length.
    const size = this.listSize(parent.name, name, def.type, args, parentArgs);
    if (!this.model.embedded.has(`${parent.name}.${name}`)) this.total += multiplier * size;
    if (node.selectionSet) this.selections(node.selectionSet, named as Composite, multiplier * size, args, false);
  }

  private fieldDef(parent: Composite, name: string): GraphQLField<unknown, unknown> | undefined {
    return parent.getFields?.()[name]; // a union has no fields of its own: they come through fragments
  }

  private rootWeight(name: string, args: Record<string, unknown>): number {
    const weight = this.model.rootWeights[name] ?? 1;
    return typeof weight === 'function' ? weight(args) : weight;
  }

  /** The product of the expected lengths of every list wrapper of the field's type ([[X]] multiplies twice). */
  private listSize(typeName: string, field: string, type: GraphQLOutputType, args: Record<string, unknown>, parentArgs: Record<string, unknown>): number {
    const rule = this.model.listSizes[`${typeName}.${field}`] ?? this.model.listSizes[`*.${field}`] ?? this.model.defaultListSize;
    const length = typeof rule === 'function' ? rule(args, parentArgs) : rule;
    let size = 1;
    // Every list wrapper in the type's printed form ([[X!]!]) multiplies once.
    for (const char of String(type)) if (char === '[') size *= length;
    return size;
  }
}

/** The operation's cost, or a number over `budget` as soon as it is known to exceed it. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, budget: number): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  return new CostWalk(schema, document, variables, budget).operation(operation);
}
