// Records the export tests create (as a curator would, origin 'contrib') and remove afterwards.

// name: exportFixtureDocument
MERGE (d:Document {id: $id})
SET d += $props;

// name: exportFixtureEntity
MERGE (n:Entity {id: $id})
SET n:$($kind), n += $props;

// name: exportFixtureRelation
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $props;

// name: exportFixtureRemove
// Removes the test's nodes and every contributed relation (the shared test graph holds none of its own).
CALL () {
  MATCH ()-[r]->() WHERE r.origin = 'contrib' DELETE r
}
CALL () { MATCH (k:NameKey) WHERE k.entityId IN $ids DELETE k }
MATCH (n) WHERE (n:Entity OR n:Document) AND n.id IN $ids
DETACH DELETE n;

// name: exportFixtureContribState
// The contributed records as the round-trip test compares them: nodes and relations with their properties.
CALL () {
  MATCH (n:Entity) WHERE n.id IN $ids
  RETURN collect(properties(n)) AS nodes
}
CALL () {
  // Facts only (FACT_TYPES, as the application's queries): the area index IN_AREA is no record.
  MATCH (a:Entity)-[r:FACT_TYPES]->(b:Entity) WHERE a.id IN $ids OR b.id IN $ids OR r.origin = 'contrib'
  RETURN collect({type: type(r), from: a.id, to: b.id, props: properties(r)}) AS relations
}
RETURN nodes, relations;

// name: exportTestEvidenceCount
// Evidence items on every entity and relation (what evidence.csv must hold).
CALL () { MATCH (n:Entity) RETURN sum(size(n.evDocs)) AS a }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN sum(size(r.evDocs)) AS b }
RETURN a + b AS count;

// name: exportTestEdgeCount
// Relations of one type leaving one entity.
MATCH (:Entity {id: $from})-[r]->(:Entity) WHERE type(r) = $type
RETURN count(r) AS count;

// name: exportTestFirmsIn
// Firms located in any of the given places.
MATCH (f:Firm)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core
RETURN DISTINCT f.id AS id;
