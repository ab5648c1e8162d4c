// name: entityDetails
// For each id: the node, every relation in both directions with the node at the other end, and (for places) the ancestors nearest first.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:FACT_TYPES]->(m:Entity)
  WHERE coalesce(r.superseded, false) = false
  WITH r, m ORDER BY type(r), m.id
  RETURN collect({direction: 'out', type: type(r), props: properties(r), other: properties(m)}) AS outgoing
}
CALL (n) {
  MATCH (n)<-[r:FACT_TYPES]-(m:Entity)
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
RETURN d {.id, .title, .publisher, .date, .origin, .sha256, .url, .text, .ingestedBy, .ingestedAt} AS document;

// name: allDocuments
// Every source document, by id.
MATCH (d:Document)
RETURN d {.id, .title, .publisher, .date, .origin, .sha256, .url, .text, .ingestedBy, .ingestedAt} AS document
ORDER BY d.id;

// name: resolveNames
// Candidates for each typed name, all from indexes (NameKey.key: RANGE for exact and prefix, TEXT for
// substrings; Entity.id: the uniqueness constraint). First the exact id or key (primary keys are
// names and curated aliases); only when nothing matches exactly, and only for names long enough to
// mean something (item.minPartial), the entities a key of which starts with the name, and only when
// none does, those a key of which contains it. At most 6 partial candidates, shortest names first.
UNWIND range(0, size($items) - 1) AS index
WITH index, $items[index] AS item
CALL (item) {
  CALL (item) {
    MATCH (n:Entity {id: item.raw}) RETURN n, true AS primary
    UNION ALL
    MATCH (k:NameKey {key: item.key}) MATCH (n:Entity {id: k.entityId}) RETURN n, k.primary AS primary
  }
  WITH n, primary WHERE item.kind IS NULL OR n.kind = item.kind
  WITH n, collect(primary) AS flags
  RETURN collect({node: properties(n), primary: any(f IN flags WHERE f)}) AS matches
}
CALL (item, matches) {
  WITH item WHERE size(matches) = 0 AND size(item.key) >= item.minPartial
  CALL (item) {
    MATCH (k:NameKey) WHERE k.key STARTS WITH item.key AND (item.kind IS NULL OR k.kind = item.kind)
    WITH DISTINCT k.entityId AS id LIMIT 64
    RETURN collect(id) AS prefixed
  }
  CALL (item, prefixed) {
    WITH item WHERE size(prefixed) = 0
    MATCH (k:NameKey) WHERE k.key CONTAINS item.key AND (item.kind IS NULL OR k.kind = item.kind)
    WITH DISTINCT k.entityId AS id LIMIT 64
    RETURN collect(id) AS containing
  }
  UNWIND prefixed + containing AS id
  MATCH (n:Entity {id: id})
  WITH n, size(prefixed) > 0 AS prefix ORDER BY size(n.name), n.id LIMIT 6
  RETURN collect({node: properties(n), prefix: prefix}) AS partial
}
RETURN index, matches, coalesce(partial, []) AS partial;

// name: suggestNames
// "Did you mean" candidates for a name that matched nothing: keys containing it, keys it contains
// ($pieces: its substrings, looked up exactly) and full-text hits.
CALL () {
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key CONTAINS $key AND ($kind IS NULL OR k.kind = $kind)
  WITH k LIMIT 100
  RETURN k.entityId AS id, CASE WHEN k.key STARTS WITH $key THEN 100.0 ELSE 50.0 END AS score
  UNION
  UNWIND $pieces AS piece
  MATCH (k:NameKey {key: piece}) WHERE $kind IS NULL OR k.kind = $kind
  RETURN k.entityId AS id, 50.0 AS score
  UNION
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 20}) YIELD node, score
  WITH node, score WHERE $kind IS NULL OR node.kind = $kind
  RETURN node.id AS id, score
}
WITH id, max(score) AS score
MATCH (n:Entity {id: id})
WITH n, score ORDER BY score DESC, size(n.name), n.id
LIMIT 5
RETURN n {.id, .kind, .name, .nameEn} AS node;

// name: searchEntities
// Ranked matches for free text, from indexes: exact keys first, then prefixes, substrings and full-text hits; one page plus the total.
CALL () {
  MATCH (k:NameKey {key: $key}) RETURN k.entityId AS id, CASE WHEN k.primary THEN 100.0 ELSE 90.0 END AS score
  UNION
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key STARTS WITH $key RETURN k.entityId AS id, 60.0 AS score
  UNION
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key CONTAINS $key RETURN k.entityId AS id, 40.0 AS score
  UNION
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 200}) YIELD node, score
  RETURN node.id AS id, score
}
WITH id, max(score) AS score
MATCH (n:Entity {id: id})
WHERE $kinds IS NULL OR n.kind IN $kinds
WITH n, score ORDER BY score DESC, size(n.name), n.id
WITH collect({node: n, score: score}) AS ranked
RETURN size(ranked) AS total, [hit IN ranked[$offset..($offset + $first)] | {node: properties(hit.node), score: hit.score}] AS page;
