import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { typeResolvers } from './resolvers/types.js';
import { chainResolvers } from './resolvers/chain.js';
import { curationResolvers } from './resolvers/curation/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SDL_DIR = path.join(HERE, 'schema');
const QUERY_DIR = path.join(HERE, 'resolvers', 'query');

export const typeDefs = readdirSync(SDL_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(path.join(SDL_DIR, f), 'utf8'));

type ResolverMap = Record<string, Record<string, unknown>>;
/** Field resolvers of several modules, merged type by type. */
const mergeResolvers = (...maps: ResolverMap[]): ResolverMap =>
  maps.reduce<ResolverMap>((all, map) => {
    for (const [type, fields] of Object.entries(map)) all[type] = { ...all[type], ...fields };
    return all;
  }, {});

/** The Query fields the SDL declares (type Query and every extend type Query). */
function sdlQueryFields(): string[] {
  return typeDefs.flatMap((sdl) =>
    parse(sdl)
      .definitions.filter((d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => 'name' in d && d.name?.value === 'Query' && 'fields' in d)
      .flatMap((d) => (d.fields ?? []).map((f) => f.name.value)),
  );
}

/**
 * The root query resolvers: one module per field in resolvers/query/, named as the field and
 * exporting a function of that name (so a new root field is one new file, nothing to register).
 * Checked both ways at start, like the query catalogue: a Query field without a resolver, or a module
 * without a field, stops the process here rather than answering null at request time.
 */
async function loadQueryResolvers(others: ResolverMap): Promise<Record<string, unknown>> {
  const resolvers: Record<string, unknown> = {};
  for (const file of readdirSync(QUERY_DIR).filter((f) => /\.[jt]s$/.test(f) && !f.endsWith('.d.ts') && !/\.test\.[jt]s$/.test(f)).sort()) {
    const field = file.replace(/\.[jt]s$/, '');
    const resolver = ((await import(pathToFileURL(path.join(QUERY_DIR, file)).href)) as Record<string, unknown>)[field];
    if (typeof resolver !== 'function') throw new Error(`schema: resolvers/query/${file} must export a function named ${field}`);
    resolvers[field] = resolver;
  }
  const declared = sdlQueryFields();
  const elsewhere = new Set(Object.keys(others.Query ?? {}));
  const missing = declared.filter((f) => !(f in resolvers) && !elsewhere.has(f));
  const unbound = Object.keys(resolvers).filter((f) => !declared.includes(f));
  if (missing.length) throw new Error(`schema: Query fields without a resolver in resolvers/query/: ${missing.join(', ')}`);
  if (unbound.length) throw new Error(`schema: resolvers/query/ modules without a Query field in the SDL: ${unbound.join(', ')}`);
  return resolvers;
}

const queryResolvers = await loadQueryResolvers(curationResolvers as ResolverMap);

export function buildSchema() {
  return makeExecutableSchema({
    typeDefs,
    // Each module's resolvers are typed by the generated Resolvers; merging them type by type keeps that.
    resolvers: mergeResolvers(typeResolvers as ResolverMap, chainResolvers as ResolverMap, curationResolvers as ResolverMap, { Query: queryResolvers }),
  });
}
