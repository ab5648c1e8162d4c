import type { GraphQLResolveInfo } from 'graphql';

/** Whether the operation names the field directly under this one (a count then runs with the page; otherwise only if reached). */
export const asks = (info: GraphQLResolveInfo, field: string) =>
  info.fieldNodes.some((node) => node.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === field));
