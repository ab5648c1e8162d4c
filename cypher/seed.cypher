// name: seedReset
// Removes everything but the contributed layer, inside the load's own transaction (the --reset option):
// every relation not contributed, then every node not contributed that no contributed relation still holds,
// then the name keys of entities that are gone (the contributed entities keep theirs).
CALL () { MATCH ()-[r]->() WHERE coalesce(r.origin, '') <> 'contrib' DELETE r }
CALL () { MATCH (n) WHERE NOT n:NameKey AND NOT n:GraphVersion AND coalesce(n.origin, '') <> 'contrib' AND NOT EXISTS { (n)--() } DELETE n }
MATCH (k:NameKey) WHERE NOT EXISTS { MATCH (:Entity {id: k.entityId}) }
DELETE k;

// name: seedDocuments
// Upserts the source documents.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d += row.props, d.origin = 'seed';

// name: seedEntities
// Upserts entities; kind comes from the validated enum and becomes the node's second label.
// Their name keys are rebuilt in the same statement (see nameKeysSync).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.kind), n += row.props, n.origin = 'seed'
WITH n
CALL (n) {
  MATCH (k:NameKey {entityId: n.id})
  DELETE k
}
CALL (n) {
  UNWIND n.searchKeys AS key
  CREATE (:NameKey {key: key, entityId: n.id, kind: n.kind, primary: key IN n.primaryKeys})
};

// name: nameKeysSync
// Rebuilds the name keys of the given entities from their searchKeys and primaryKeys (which are
// derived from the name, English name and aliases). One :NameKey node per key, joined by entityId,
// never by a relationship, so paths, neighbourhoods and degrees never see them. Every statement that
// writes an entity's names runs this (or does the same, as seedEntities does).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (k:NameKey {entityId: n.id})
  DELETE k
}
CALL (n) {
  UNWIND n.searchKeys AS key
  CREATE (:NameKey {key: key, entityId: n.id, kind: n.kind, primary: key IN n.primaryKeys})
};

// name: seedRelations
// Upserts relations by their key; the type comes from the validated enum of relation types.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r += row.props, r.origin = 'seed';

// name: seedPruneRelations
// Drops seeded relations that the seed files no longer declare.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.origin = 'seed' AND NOT r.key IN $keys
DELETE r
RETURN count(r) AS removed;

// name: seedPruneEntities
// Drops seeded entities and documents that the seed files no longer declare, except those the contributed
// layer still cites (a contributed relation attached, or candidates read from the document): they are kept.
MATCH (n)
WHERE (n:Entity OR n:Document) AND n.origin = 'seed' AND NOT n.id IN $ids
WITH n, EXISTS { (n)-[c]-() WHERE c.origin = 'contrib' } OR EXISTS { (:Candidate {document: n.id}) } AS cited
CALL (n, cited) {
  WITH n WHERE NOT cited
  // Its name keys go with it (they are joined by entityId, not by a relationship).
  CALL (n) { MATCH (k:NameKey {entityId: n.id}) DELETE k }
  DETACH DELETE n
}
RETURN count(CASE WHEN NOT cited THEN 1 END) AS removed, count(CASE WHEN cited THEN 1 END) AS kept;

// name: graphCounts
// Node and relationship counts for /health and the seed summary: entities and documents (name keys are index entries, not content).
CALL { MATCH (n:Entity) RETURN count(n) AS entities }
CALL { MATCH (n:Document) RETURN count(n) AS documents }
CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
// The area and producer indexes are not content: their rows are taken off (count-store reads, no scan).
CALL { MATCH ()-[r:IN_AREA]->() RETURN count(r) AS areaIndex }
CALL { MATCH ()-[r:PRODUCER_RANK]->() RETURN count(r) AS producerIndex }
RETURN entities + documents AS nodes, relationships - areaIndex - producerIndex AS relationships;

// name: graphCountsByKind
// Entity counts per kind and relationship counts per fact type, from the count store (no scan: the
// health probe asks every second, whatever the graph's size; see KIND_COUNTS in src/db/queries.ts).
RETURN KIND_COUNTS AS nodeRows, FACT_TYPE_COUNTS AS relRows;

// name: serverInfo
// Version and edition of the server, for /health.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition;
