// Applied at every start; every statement is idempotent (IF NOT EXISTS).

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);

// Name keys (see nameKeysSync in seed.cypher): RANGE for exact and prefix matches, TEXT for substrings,
// entityId to rebuild an entity's keys. Neo4j cannot index the elements of a list property.
CREATE INDEX name_key IF NOT EXISTS FOR (k:NameKey) ON (k.key);
CREATE TEXT INDEX name_key_text IF NOT EXISTS FOR (k:NameKey) ON (k.key);
CREATE INDEX name_key_entity IF NOT EXISTS FOR (k:NameKey) ON (k.entityId);

// The cjk analyzer indexes CJK text as overlapping bigrams and Latin words whole, so one index
// serves Chinese names and their pinyin/English keys. One-character queries are answered by
// the exact/prefix key match in entities.cypher (searchEntities, resolveNames) instead.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } };

// Curation: review candidates and the audit trail (contributed layer).
CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (c:Candidate) REQUIRE c.id IS UNIQUE;
CREATE INDEX candidate_document IF NOT EXISTS FOR (c:Candidate) ON (c.document);
CREATE INDEX candidate_state IF NOT EXISTS FOR (c:Candidate) ON (c.state);
CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (a:Audit) REQUIRE a.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (a:Audit) ON (a.at);
CREATE INDEX document_sha256 IF NOT EXISTS FOR (d:Document) ON (d.sha256);

// The graph version (version.cypher): one node, bumped by every write transaction.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;

// The area index (areas.cypher): firmsIn of an area seeks placeId and reads sortKey in index order.
CREATE INDEX in_area_place_sort IF NOT EXISTS FOR ()-[x:IN_AREA]-() ON (x.placeId, x.sortKey);

// The producer index (producers.cypher): a chain step's producers seek stepId and read rankKey in index order.
CREATE INDEX producer_rank_step_key IF NOT EXISTS FOR ()-[x:PRODUCER_RANK]-() ON (x.stepId, x.rankKey);
// chainGaps' candidates: a step's producers at one place, in rank order (gapCandidates in chains.cypher).
CREATE INDEX producer_rank_step_place_key IF NOT EXISTS FOR ()-[x:PRODUCER_RANK]-() ON (x.stepId, x.placeId, x.rankKey);

// chainGaps reads a small area from its side: the productions that state one of its places as their site.
CREATE INDEX produces_at IF NOT EXISTS FOR ()-[r:PRODUCES]-() ON (r.at);
