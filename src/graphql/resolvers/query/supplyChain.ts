import type { Context } from '../../context.js';
import { chainSteps } from '../../../services/chains.js';
import { resolveNames } from '../../../services/resolve.js';
import type { ChainStepParent } from '../chain.js';

export async function supplyChain(_: unknown, args: { from: string; to: string; within?: string | null }, ctx: Context) {
  const [from, to, within] = await resolveNames(ctx.db, [
    { argument: 'from', name: args.from, kind: 'Product' },
    { argument: 'to', name: args.to, kind: 'Product' },
    ...(args.within ? [{ argument: 'within', name: args.within, kind: 'Place' as const }] : []),
  ]);
  const steps = await chainSteps(ctx.db, from.id, to.id);
  return { steps: steps.map((s): ChainStepParent => ({ ...s, within: within?.id ?? null })) };
}
