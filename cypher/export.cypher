// Queries of the exporter (src/export). Every page is read by keyset on the unique, indexed
// Entity.id (`id > $after ORDER BY id LIMIT $size`), never by SKIP, so each page costs the same
// however deep the export is and the client never holds more than one page.
//
// Filters shared by all of them (null = no filter):
//   $kinds  entity kinds to export; a relation is exported when both its ends are of these kinds
//   $layer  'seed' | 'contrib': the origin of exported nodes, and of exported relations
//   $core   ids of a place and its sub-areas (--place): the scope is those places, the entities
//           located or producing in them ("core"), and the entities one hop from the core; a
//           relation is in scope when one of its ends is in the core.

// name: exportSubtreePlaces
// The place and every place WITHIN it: a subtree's places are few beside its firms, so the exporter holds their ids.
MATCH (sub:Place)-[:WITHIN*0..8]->(:Place {id: $placeId})
RETURN DISTINCT sub.id AS id
ORDER BY id;

// name: exportPropertyKeysPage
// The property keys of the next page of entities (per kind) and of their outgoing relations (per type),
// read page by page like the export itself so no statement scans the whole graph.
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id
LIMIT toInteger($size)
WITH collect(n) AS page
CALL (page) {
  UNWIND page AS n
  UNWIND keys(n) AS key
  RETURN collect(DISTINCT [n.kind, key]) AS nodeKeys
}
CALL (page) {
  UNWIND page AS n
  MATCH (n)-[r:FACT_TYPES]->(:Entity)
  UNWIND keys(r) AS key
  RETURN collect(DISTINCT [type(r), key]) AS relationKeys
}
RETURN size(page) AS count, page[-1].id AS last, nodeKeys, relationKeys;

// name: exportDocuments
// Document metadata (not the text) by id, for evidence titles; documents are few beside entities.
MATCH (d:Document)
RETURN d {.*, text: null} AS document, d.text IS NOT NULL AS hasText
ORDER BY d.id;

// name: exportEntityCount
// How many entities the export will write (for progress and the manifest's check).
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($layer IS NULL OR n.origin = $layer)
  AND ($core IS NULL
       OR n.id IN $core
       OR EXISTS { (n)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core }
       OR EXISTS { (n)-[r:PRODUCES]->() WHERE r.at IN $core }
       OR EXISTS { (n)-[:FACT_TYPES]-(m:Entity) WHERE m.id IN $core
                     OR EXISTS { (m)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core }
                     OR EXISTS { (m)-[r:PRODUCES]->() WHERE r.at IN $core } })
RETURN count(n) AS count;

// name: exportEntityPage
// The next page of entities after the id $after, in id order.
MATCH (n:Entity)
WHERE n.id > $after
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($layer IS NULL OR n.origin = $layer)
  AND ($core IS NULL
       OR n.id IN $core
       OR EXISTS { (n)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core }
       OR EXISTS { (n)-[r:PRODUCES]->() WHERE r.at IN $core }
       OR EXISTS { (n)-[:FACT_TYPES]-(m:Entity) WHERE m.id IN $core
                     OR EXISTS { (m)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core }
                     OR EXISTS { (m)-[r:PRODUCES]->() WHERE r.at IN $core } })
WITH n ORDER BY n.id
LIMIT toInteger($size)
RETURN properties(n) AS node;

// name: exportRelationCount
// How many relations the export will write.
MATCH (a:Entity)-[r:FACT_TYPES]->(b:Entity)
WHERE ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds))
  AND ($layer IS NULL OR r.origin = $layer)
  AND ($core IS NULL
       OR a.id IN $core OR EXISTS { (a)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core } OR EXISTS { (a)-[q:PRODUCES]->() WHERE q.at IN $core }
       OR b.id IN $core OR EXISTS { (b)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core } OR EXISTS { (b)-[q:PRODUCES]->() WHERE q.at IN $core })
RETURN count(r) AS count;

// name: exportRelationPage
// The outgoing relations of the next page of start entities after the id $after, in id order.
// Every start entity of the page is returned (with an empty list when none of its relations is
// exported), so the caller's keyset cursor moves past it.
MATCH (a:Entity)
WHERE a.id > $after
  AND ($kinds IS NULL OR a.kind IN $kinds)
WITH a ORDER BY a.id
LIMIT toInteger($size)
CALL (a) {
  OPTIONAL MATCH (a)-[r:FACT_TYPES]->(b:Entity)
  WHERE ($kinds IS NULL OR b.kind IN $kinds)
    AND ($layer IS NULL OR r.origin = $layer)
    AND ($core IS NULL
         OR a.id IN $core OR EXISTS { (a)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core } OR EXISTS { (a)-[q:PRODUCES]->() WHERE q.at IN $core }
         OR b.id IN $core OR EXISTS { (b)-[:LOCATED_IN]->(p:Place) WHERE p.id IN $core } OR EXISTS { (b)-[q:PRODUCES]->() WHERE q.at IN $core })
  WITH r, b ORDER BY type(r), b.id, r.key
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {type: type(r), props: properties(r), to: b {.id, .kind, .name, .origin}} END) AS relations
}
RETURN a {.id, .kind, .name, .origin} AS from, relations;

// name: exportFirmPlacementPage
// The place view's firm table: firms located in the place (or its sub-areas), keyset on (firm id, place id, role).
MATCH (f:Firm)-[r:LOCATED_IN]->(area:Place)
WHERE area.id IN $core
  AND (f.id > $afterFirm
       OR (f.id = $afterFirm AND (area.id > $afterPlace
           OR (area.id = $afterPlace AND coalesce(r.role, '') > $afterRole))))
WITH f, r, area ORDER BY f.id, area.id, coalesce(r.role, '')
LIMIT toInteger($size)
RETURN properties(f) AS firm, area {.id, .kind, .name} AS place, properties(r) AS rel;

// name: exportFirmPlacementCount
// How many rows the place view's firm table has.
MATCH (:Firm)-[r:LOCATED_IN]->(area:Place)
WHERE area.id IN $core
RETURN count(r) AS count;

// name: exportEntitiesByIds
// Entities by id (the seed-layer entities a contributed relation refers to).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS node
ORDER BY n.id;
