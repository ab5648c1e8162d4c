import type { Context } from '../../context.js';

export function entity(_: unknown, args: { id: string }, ctx: Context) {
  return ctx.loaders.nodes.load(args.id);
}
