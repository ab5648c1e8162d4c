import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, print, visit, type FieldNode, type SelectionSetNode } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { typeDefs } from '../../src/graphql/schema.js';

/**
 * The GraphQL floor: what serving an answer through graphql-yoga and graphql-js costs with no database
 * and no code of ours — the API's own SDL, the answer handed back whole by the root field, default
 * resolvers below it. Any server of the fixed architecture (graphql-yoga, schema-first graphql-js)
 * pays at least this on top of the Cypher floor, so (Cypher floor + GraphQL floor) / Cypher floor is
 * the best ratio the architecture allows for a question, and API / (Cypher floor + GraphQL floor) is
 * what the API's own code adds (docs/performance.md, "The GraphQL floor").
 *
 * The answer it serves is the API's, asked once with `__typename` on every selection set
 * (`withTypenames`): an interface's concrete type is then read, not decided.
 */
export class GraphQLFloor {
  private answer: Record<string, unknown> = {};
  readonly yoga;

  constructor() {
    // Every root field reads the answer under its response key; below it graphql-js's defaults read
    // properties by field name (so an alias below the root would not be served: the benchmarks' checks
    // say so) and resolve the Entity interface's type from `__typename`.
    const schema = makeExecutableSchema({ typeDefs });
    for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      field.resolve = (_: unknown, __: unknown, ctx: { answer: Record<string, unknown> }, info) => ctx.answer[info.path.key];
    }
    this.yoga = createYoga({ schema, logging: false, landingPage: false, graphiql: false, context: () => ({ answer: this.answer }) });
  }

  /** The answer (`data`, with typenames) the next requests are served. */
  serve(data: Record<string, unknown>): void {
    this.answer = data;
  }
}

/** The operation with `__typename` asked on every selection set that lacks it (as GraphQL clients add it for caching). */
export function withTypenames(query: string): string {
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  // Asked unconditionally (no alias, no @skip/@include): otherwise it is added again.
  const asksTypename = (set: SelectionSetNode) => set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias && !s.directives?.length);
  return print(
    visit(parse(query), {
      SelectionSet: (set) => (asksTypename(set) ? undefined : { ...set, selections: [...set.selections, typename] }),
    }),
  );
}
