import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 CPU profile of the API server (`LOAD_CPU_PROF=dir npm run test:load` writes one):
 * self time by package or src folder, the hottest functions, and inclusive time under the steps of a
 * request (parse, validate, cost, execute, Bolt, zod, JSON …). By hand, not in CI:
 *   npx tsx test/load/cpu-summary.ts FILE.cpuprofile [--last SECONDS]
 * `--last` keeps only the profile's last SECONDS (the load phase, not start-up and the mix check).
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx test/load/cpu-summary.ts FILE.cpuprofile [--last SECONDS]');
  process.exit(1);
}
const lastIndex = process.argv.indexOf('--last');
const lastSeconds = lastIndex > 0 ? Number(process.argv[lastIndex + 1]) : Infinity;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample times: startTime + running sum of deltas (µs).
const times: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));
const from = profile.endTime - lastSeconds * 1e6;

const where = (f: CallFrame): string => {
  const url = f.url;
  if (!url) return `(${f.functionName || 'native'})`;
  if (url.includes('node_modules')) return url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
  if (url.includes('/src/')) return `src/${url.split('/src/')[1].split('/').slice(0, -1).join('/') || '.'}`;
  if (url.startsWith('node:')) return url;
  return 'other';
};

/** Inclusive buckets: a sample counts in a bucket if any frame of its stack matches (each bucket once per sample). */
const STEPS: [string, (f: CallFrame) => boolean][] = [
  ['graphql parse', (f) => /graphql\/language\/parser/.test(f.url)],
  ['graphql validate', (f) => /graphql\/validation\//.test(f.url)],
  ['graphql-armor rules', (f) => /graphql-armor/.test(f.url)],
  ['cost walk', (f) => /limits\/cost/.test(f.url)],
  ['graphql execute (incl. resolvers)', (f) => /graphql\/execution\/execute/.test(f.url)],
  ['resolvers + services (src/services, src/graphql/resolvers)', (f) => /\/src\/(services|graphql\/resolvers)\//.test(f.url)],
  ['GraphDb.run (src/db/graph)', (f) => /\/src\/db\/graph/.test(f.url)],
  ['zod', (f) => /node_modules\/zod\//.test(f.url)],
  ['neo4j-driver', (f) => /neo4j-driver/.test(f.url)],
  ['response cache', (f) => /cache\/response-cache/.test(f.url)],
  ['graphql-yoga / whatwg-node / envelop', (f) => /graphql-yoga|@whatwg-node|@envelop/.test(f.url)],
  ['JSON.stringify', (f) => f.functionName === 'stringify' && !f.url],
  ['JSON.parse', (f) => f.functionName === 'parse' && !f.url],
  ['node:http / net / stream', (f) => /^node:(_http|http|net|internal\/streams|stream)/.test(f.url)],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
  ['(idle)', (f) => f.functionName === '(idle)'],
];

const self = new Map<string, number>();
const fn = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let busy = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < from) return;
  const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  const node = nodes.get(id)!;
  total += dt;
  if (node.callFrame.functionName !== '(idle)') busy += dt;
  const group = where(node.callFrame);
  self.set(group, (self.get(group) ?? 0) + dt);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${group}:${node.callFrame.lineNumber + 1}`;
  fn.set(name, (fn.get(name) ?? 0) + dt);
  const hit = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = nodes.get(cur)!.callFrame;
    for (const [step, test] of STEPS) if (!hit.has(step) && test(frame)) hit.add(step);
  }
  for (const step of hit) inclusive.set(step, (inclusive.get(step) ?? 0) + dt);
});

const pct = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
console.log(`profile ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s; kept ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s = ${((busy / total) * 100).toFixed(0)} % of one core; shares below are of busy time`);
console.log('\nself time by package / folder:');
for (const [g, us] of [...self].filter(([g]) => g !== '((idle))' && g !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 22)) console.log(`${pct(us)}  ${g}`);
console.log('\nhottest functions (self):');
for (const [g, us] of [...fn].filter(([g]) => !g.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(us)}  ${g}`);
console.log('\ninclusive time under each step:');
for (const [step] of STEPS) if (step !== '(idle)') console.log(`${pct(inclusive.get(step) ?? 0)}  ${step}`);
