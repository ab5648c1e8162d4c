import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Resolvers } from './generated/resolvers.js';
import { typeResolvers } from './resolvers/types.js';
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
import { relationTypes } from './resolvers/query/relationTypes.js';
import { extract } from './resolvers/query/extract.js';

const SDL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');

export const typeDefs = readdirSync(SDL_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(path.join(SDL_DIR, f), 'utf8'));

const resolvers: Resolvers = {
      ...typeResolvers,
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
};

export function buildSchema() {
  return makeExecutableSchema({ typeDefs, resolvers });
}
