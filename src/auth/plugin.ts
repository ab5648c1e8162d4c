import { Kind, getOperationAST, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { FailureLimiter } from './rate-limit.js';
import { MUTATION_ROLES, hasRole } from './roles.js';
import type { Curator, CuratorStore } from './tokens.js';

/** What the auth plugin adds to the GraphQL context: who is writing, set before any mutation runs. */
export interface AuthContext {
  curator?: Curator | null;
}

/** Top-level field names of a selection set, through fragments. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((s) => {
    if (s.kind === Kind.FIELD) return [s.name.value];
    if (s.kind === Kind.INLINE_FRAGMENT) return rootFields(s.selectionSet, fragments, seen);
    const name = s.name.value;
    const fragment = fragments.get(name);
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return rootFields(fragment.selectionSet, fragments, seen);
  });
}

const refusal = (message: string, code: string, status: number) => createGraphQLError(message, { extensions: { code, http: { status } } });

function clientOf(context: Record<string, unknown>): string {
  const req = context.req as { socket?: { remoteAddress?: string } } | undefined;
  return req?.socket?.remoteAddress ?? 'local';
}

/**
 * Reads stay public; a mutation runs only with `Authorization: Bearer <token>` of a curator whose role
 * covers every mutation field of the operation. Checked before execution starts, so a refused
 * operation writes nothing.
 */
export function authPlugin(store: CuratorStore, limiter = new FailureLimiter()): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document as DocumentNode, args.operationName);
      const context = args.contextValue as unknown as Record<string, unknown> & AuthContext;
      context.curator = null;
      if (operation?.operation !== 'mutation') return;
      const refuse = (message: string, code: string, status: number) => setResultAndStopExecution({ data: null, errors: [refusal(message, code, status)] });

      const client = clientOf(context);
      if (limiter.blocked(client)) return refuse('Too many failed authentication attempts; try again later.', 'TOO_MANY_REQUESTS', 429);
      const header = (context.request as Request | undefined)?.headers.get('authorization') ?? '';
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      const curator = bearer ? store.verify(bearer) : null;
      if (!curator) {
        limiter.fail(client);
        return refuse(bearer ? 'The token is not valid.' : 'Changes need a curator token: Authorization: Bearer <token>.', 'UNAUTHENTICATED', 401);
      }
      const fragments = new Map(
        (args.document as DocumentNode).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
      );
      const fields = rootFields(operation.selectionSet, fragments).filter((f) => f !== '__typename');
      const denied = fields.filter((f) => !MUTATION_ROLES[f] || !hasRole(curator.role, MUTATION_ROLES[f]));
      if (denied.length) return refuse(`${curator.name} (${curator.role}) may not run ${denied.join(', ')}.`, 'FORBIDDEN', 403);
      context.curator = curator;
    },
  };
}
