/**
 * The operations the explorer sends, by name. Their text is web/src/operations.graphql; `npm run
 * codegen` (run by `npm test` before `tsc`) turns each into a typed document in ./generated/graphql.ts,
 * so `gql(CHAIN, …)` answers a `ChainQuery`. A field the schema no longer has fails codegen; a
 * field whose type changed fails the typecheck where a view reads it.
 */
export {
  SuggestDocument as SEARCH,
  CentreDocument as LOOKUP,
  NameDocument as NAME,
  BasesDocument as BASES,
  ChainDocument as CHAIN,
  ChainHistoryDocument as CHAIN_HISTORY,
  MoreProducersDocument as MORE_PRODUCERS,
  MoreCandidatesDocument as MORE_CANDIDATES,
  EntityDocument as ENTITY,
  MoreRelationsDocument as MORE_RELATIONS,
  PlaceViewDocument as PLACE,
  PathViewDocument as PATH,
  PathNamesDocument as PATH_NAMES,
  NeighbourhoodDocument as NEIGHBOURHOOD,
  IngestDocument as INGEST,
  ReviewDocument as REVIEW,
  DocDocument as DOCUMENT,
} from './generated/graphql.js';
