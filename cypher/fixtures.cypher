// Test fixtures only: records the tests add and remove again. Every fixture id starts with "test-".

// name: fixtureAddEntity
// Adds a throw-away entity (kind label from the validated enum).
MERGE (n:Entity {id: $id})
SET n:$($kind), n.kind = $kind, n.name = $name, n.aliases = [], n.primaryKeys = $primaryKeys, n.searchKeys = $searchKeys,
    n.searchText = $searchText, n.evDocs = [''], n.evQuotes = [''], n.evNotes = ['test fixture'], n.origin = 'test';

// name: fixtureAddRelation
// Joins two entities with a throw-away relation.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:$($type) {key: $key}]->(b)
SET r += $props, r.evDocs = [''], r.evQuotes = [''], r.evNotes = ['test fixture'], r.origin = 'test';

// name: fixtureRemove
// Removes the fixture entities and their relations.
MATCH (n:Entity) WHERE n.id IN $ids
DETACH DELETE n;

// name: fixtureRemoveContrib
// Removes the contributed layer and the curation records (candidates, audit, ingested documents) and clears
// what curation marked on seeded relations, so the next test file sees the seed alone.
CALL () { MATCH ()-[r]->() WHERE r.origin = 'contrib' DELETE r }
CALL () { MATCH ()-[r]->() WHERE r.superseded IS NOT NULL REMOVE r.superseded, r.supersededBy, r.supersededAt, r.retracted, r.retractedReason, r.retractedBy, r.retractedAt }
MATCH (n) WHERE n.origin = 'contrib' DETACH DELETE n;
