// name: seedReset
// Removes everything but the contributed layer, inside the load's own transaction (the --reset option):
// every relation not contributed, then every node not contributed that no contributed relation still holds.
CALL () { MATCH ()-[r]->() WHERE coalesce(r.origin, '') <> 'contrib' DELETE r }
MATCH (n) WHERE coalesce(n.origin, '') <> 'contrib' AND NOT EXISTS { (n)--() }
DELETE n;

// name: seedDocuments
// Upserts the source documents.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d += row.props, d.origin = 'seed';

// name: seedEntities
// Upserts entities; kind comes from the validated enum and becomes the node's second label.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.kind), n += row.props, n.origin = 'seed';

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
CALL (n, cited) { WITH n WHERE NOT cited DETACH DELETE n }
RETURN count(CASE WHEN NOT cited THEN 1 END) AS removed, count(CASE WHEN cited THEN 1 END) AS kept;

// name: graphCounts
// Node and relationship counts for /health and the seed summary.
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships;

// name: graphCountsByKind
// Entity counts per kind and relationship counts per type.
CALL { MATCH (n:Entity) WITH n.kind AS key, count(*) AS count RETURN collect({key: key, count: count}) AS nodeRows }
CALL { MATCH (:Entity)-[r]->(:Entity) WITH type(r) AS key, count(*) AS count RETURN collect({key: key, count: count}) AS relRows }
RETURN nodeRows, relRows;

// name: serverInfo
// Version and edition of the server, for /health.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition;

// name: schemaConstraints
// The uniqueness constraints in force.
SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type
RETURN labelsOrTypes, properties, type;

// name: schemaFulltextIndexes
// The full-text indexes with their analyzer settings.
SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options
RETURN name, labelsOrTypes, properties, options;

// name: fulltextProbe
// Entity ids the full-text index returns for a Lucene query.
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node
RETURN node.id AS id;
