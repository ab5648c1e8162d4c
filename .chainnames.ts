import { planSynth } from './src/synth/generate.js';
import { readSeed } from './src/seed/read.js';
const plan = planSynth(readSeed(), { firms: 1000000, seed: Number(process.env.SEED ?? 1), dense: { width: 14, hops: 12 } } as any);
console.log(plan.chain.from, plan.chain.to, plan.chain.steps, plan.denseChain?.from, plan.denseChain?.to);
