import type { Context } from '../../context.js';
import { kindFromEnum } from '../../kinds.js';
import { resolveName } from '../../../services/resolve.js';

export function lookup(_: unknown, args: { name: string; kind?: string | null }, ctx: Context) {
  return resolveName(ctx.db, { argument: 'name', name: args.name, kind: kindFromEnum(args.kind) });
}
