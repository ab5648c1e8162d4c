// name: entityDetails
// For each id: the node, every relation in both directions with the node at the other end, and (for places) the ancestors nearest first.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]->(m:Entity)
  WHERE coalesce(r.superseded, false) = false
  WITH r, m ORDER BY type(r), m.id
  RETURN collect({direction: 'out', type: type(r), props: properties(r), other: properties(m)}) AS outgoing
}
CALL (n) {
  MATCH (n)<-[r]-(m:Entity)
  WHERE coalesce(r.superseded, false) = false
  WITH r, m ORDER BY type(r), m.id
  RETURN collect({direction: 'in', type: type(r), props: properties(r), other: properties(m)}) AS incoming
}
CALL (n) {
  MATCH p = (n)-[:WITHIN*1..8]->(a:Place)
  // A place may lie in two places (a mountain across counties): each ancestor once, at its nearest distance.
  WITH a, min(length(p)) AS depth ORDER BY depth, a.id
  RETURN collect(properties(a)) AS ancestors
}
RETURN id, properties(n) AS node, outgoing + incoming AS relations, ancestors;

// name: entitiesByIds
// Plain node properties for each id that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS node;

// name: documentsByIds
// Source document metadata.
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN properties(d) AS document;

// name: allDocuments
// Every source document, by id.
MATCH (d:Document)
RETURN properties(d) AS document
ORDER BY d.id;

// name: resolveNames
// Candidates for each typed name: exact id or search key (primary keys are names and curated aliases),
// and, for names long enough to mean something (item.minPartial), entities whose keys contain it.
UNWIND $items AS item
CALL (item) {
  MATCH (n:Entity)
  WHERE (n.id = item.raw OR item.key IN n.searchKeys) AND (item.kind IS NULL OR n.kind = item.kind)
  RETURN collect({node: properties(n), primary: n.id = item.raw OR item.key IN n.primaryKeys}) AS matches
}
CALL (item) {
  MATCH (n:Entity)
  WHERE size(item.key) >= item.minPartial AND (item.kind IS NULL OR n.kind = item.kind)
    AND any(k IN n.searchKeys WHERE k CONTAINS item.key)
  WITH n, any(k IN n.searchKeys WHERE k STARTS WITH item.key) AS prefix
  ORDER BY prefix DESC, size(n.name)
  LIMIT 6
  RETURN collect({node: properties(n), prefix: prefix}) AS partial
}
RETURN item.raw AS raw, matches, partial;

// name: suggestNames
// "Did you mean" candidates for a name that matched nothing exactly.
CALL () {
  MATCH (n:Entity)
  WHERE ($kind IS NULL OR n.kind = $kind) AND size($key) > 0
    AND any(k IN n.searchKeys WHERE k CONTAINS $key OR $key CONTAINS k)
  RETURN n, CASE WHEN any(k IN n.searchKeys WHERE k STARTS WITH $key) THEN 100.0 ELSE 50.0 END AS score
  UNION
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 20}) YIELD node, score
  WITH node, score WHERE $kind IS NULL OR node.kind = $kind
  RETURN node AS n, score
}
WITH n, max(score) AS score
ORDER BY score DESC, size(n.name)
LIMIT 5
RETURN properties(n) AS node;

// name: searchEntities
// Ranked matches for free text: exact keys first, then prefixes, substrings and full-text hits; one page plus the total.
CALL () {
  MATCH (n:Entity) WHERE $key IN n.primaryKeys RETURN n, 100.0 AS score
  UNION
  MATCH (n:Entity) WHERE $key IN n.searchKeys RETURN n, 90.0 AS score
  UNION
  MATCH (n:Entity) WHERE size($key) > 0 AND any(k IN n.searchKeys WHERE k STARTS WITH $key) RETURN n, 60.0 AS score
  UNION
  MATCH (n:Entity) WHERE size($key) > 0 AND any(k IN n.searchKeys WHERE k CONTAINS $key) RETURN n, 40.0 AS score
  UNION
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 200}) YIELD node, score
  RETURN node AS n, score
}
WITH n, max(score) AS score
WHERE $kinds IS NULL OR n.kind IN $kinds
WITH n, score ORDER BY score DESC, size(n.name), n.id
WITH collect({node: properties(n), score: score}) AS ranked
RETURN size(ranked) AS total, ranked[$offset..($offset + $first)] AS page;
