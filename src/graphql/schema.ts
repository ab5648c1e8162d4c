import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { typeResolvers } from './resolvers/types.js';
import { chainResolvers } from './resolvers/chain.js';
import { search } from './resolvers/query/search.js';
import { lookup } from './resolvers/query/lookup.js';
import { entity } from './resolvers/query/entity.js';
import { firmsIn } from './resolvers/query/firmsIn.js';
import { supplyChain } from './resolvers/query/supplyChain.js';
import { chainGaps } from './resolvers/query/chainGaps.js';
import { path as pathResolver } from './resolvers/query/path.js';
import { policies } from './resolvers/query/policies.js';
import { projects } from './resolvers/query/projects.js';
import { industrialBases } from './resolvers/query/industrialBases.js';
import { neighborhood } from './resolvers/query/neighborhood.js';
import { documents } from './resolvers/query/documents.js';
import { curationResolvers } from './resolvers/curation/index.js';
import { relationTypes } from './resolvers/query/relationTypes.js';
import { extract } from './resolvers/query/extract.js';

const SDL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');

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

export function buildSchema() {
  return makeExecutableSchema({
    typeDefs,
    // Each module's resolvers are typed by the generated Resolvers; merging them type by type keeps that.
    resolvers: mergeResolvers(typeResolvers as ResolverMap, chainResolvers as ResolverMap, curationResolvers as ResolverMap, {
      Query: {
        search,
        lookup,
        entity,
        firmsIn,
        supplyChain,
        chainGaps,
        path: pathResolver,
        policies,
        projects,
        industrialBases,
        neighborhood,
        documents,
        relationTypes,
        extract,
      },
    }),
  });
}
