// Test fixtures only: records the tests add and remove again. Every fixture id starts with "test-".

// name: fixtureAddEntity
// Adds a throw-away entity (kind label from the validated enum); its name keys come from nameKeysSync.
MERGE (n:Entity {id: $id})
SET n:$($kind), n.kind = $kind, n.name = $name, n.aliases = [], n.primaryKeys = $primaryKeys, n.searchKeys = $searchKeys,
    n.searchText = $searchText, n.evDocs = [''], n.evQuotes = [''], n.evNotes = ['test fixture'], n.origin = 'test';

// name: fixtureAddRelation
// Joins two entities with a throw-away relation.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:$($type) {key: $key}]->(b)
SET r += $props, r.evDocs = [''], r.evQuotes = [''], r.evNotes = ['test fixture'], r.origin = 'test';

// name: fixtureRemove
// Removes the fixture entities, their relations and their name keys.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
DETACH DELETE n
WITH DISTINCT id
MATCH (k:NameKey {entityId: id})
DELETE k;

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

// name: fixtureRemoveContrib
// Removes the contributed layer and the curation records (candidates, audit, ingested documents) and clears
// what curation marked on seeded relations, so the next test file sees the seed alone.
CALL () { MATCH ()-[r]->() WHERE r.origin = 'contrib' DELETE r }
CALL () { MATCH ()-[r]->() WHERE r.superseded IS NOT NULL REMOVE r.superseded, r.supersededBy, r.supersededAt, r.retracted, r.retractedReason, r.retractedBy, r.retractedAt }
// Contributed entities' name keys go with them (joined by entityId, not by a relationship).
CALL () { MATCH (n:Entity {origin: 'contrib'}) MATCH (k:NameKey {entityId: n.id}) DELETE k }
MATCH (n) WHERE n.origin = 'contrib' DETACH DELETE n;
