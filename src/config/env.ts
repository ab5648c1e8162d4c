import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const EnvModel = z.object({
  NEO4J_URI: optionalString,
  NEO4J_USERNAME: optionalString,
  NEO4J_PASSWORD: optionalString,
  NEO4J_DATABASE: optionalString,
  // Unset means "7687 if free, else any free port"; a set value is used as given.
  NEO4J_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NEO4J_EMBEDDED_HOME: z.string().default('.neo4j/data'),
  NEO4J_EMBEDDED_HEAP: z.string().regex(/^\d+[mgMG]$/, 'like 512m or 1g').default('768m'),
  NEO4J_EMBEDDED_PAGECACHE_MIB: z.coerce.number().int().min(16).max(8192).default(128),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  // Extra accept handles on the listening socket: a burst of new connections is taken in while the
  // server is busy (Node 20's libuv accepts one connection per handle per loop turn; src/server/acceptors.ts).
  ACCEPT_HANDLES: z.coerce.number().int().min(0).max(256).default(64),
  SEED_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  // Salted hashes of the curators' tokens (npm run token); gitignored. Missing = nobody may write.
  CURATORS_FILE: z.string().default('.curators'),
  // The public read cache in MiB (docs/limits.md, "Response cache"); 0 turns it off.
  RESPONSE_CACHE_MIB: z.coerce.number().int().min(0).max(1024).default(32),
  ROW_CACHE_MIB: z.coerce.number().int().min(0).max(1024).default(16),
});
export type Env = z.infer<typeof EnvModel>;

/** Parses the environment once; every problem is reported together and the process exits. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvModel.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    console.error(`Invalid environment:\n${lines.join('\n')}`);
    process.exit(2);
  }
  return parsed.data;
}
