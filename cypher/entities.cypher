// name: entityDetails
// For each id: the node and every relation in both directions with the node at the other end (a
// place's ancestors and children are placeTree's).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
// include: factsOfEntity
RETURN id, n {API_FIELDS} AS node, facts AS relations;

// fragment: factsOfEntity
// `n` → `facts`: its current facts in the order of relation pages (entityRelationPage): outgoing
// first, then by type, the other end's id and the relation key.
CALL (n) {
  MATCH (n)-[r:FACT_TYPES]-(m:Entity)
  WHERE coalesce(r.superseded, false) = false
  WITH r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
  ORDER BY direction DESC, type(r), m.id, r.key
  // include: factRows
}

// fragment: factRows
// The rows `r`, `m`, `direction` → `facts`: what a relation row is, for every reader of an entity's
// facts: its direction from the entity, type and key, and the relation and the entity at the other end
// carrying what $fields and $relFields name (SELECTED, SELECTED_REL; null: all the API reads).
RETURN collect({direction: direction, type: type(r), key: r.key, props: SELECTED_REL(r), other: SELECTED(m)}) AS facts

// name: entityRelationPage
// For each id: one page of its facts (Entity.relationsConnection; Entity.relations is a first page),
// each carrying only what the question's selection reads, in the order of factsOfEntity. $groups are
// the (direction, type) groups asked for, in that order, from the cursor's group on
// (src/services/relations.ts); the cursor's group carries the cursor (afterId, afterKey) and how many
// of its rows earlier pages held (skip).
// What a page reads (PROFILE: docs/query-plans.md): only the other end's id and the relation key of
// the relationships it reads, to order and cut; the properties and quotes only for the page's rows.
// Which relationships: a dense node (over 50 facts, Neo4j's dense-node threshold) counts each asked
// group's degree (FACT_GROUP_DEGREE: from its relationship group records, no relationship read) and
// expands, each by its own type and direction (FACT_GROUP_EXPAND), only the first groups whose degrees
// cover $limit rows: a county's parks are paged without reading its thousands of LOCATED_IN firms.
// When those groups leave at most 50 of the node's facts out (a node with few facts, or a page that
// needs nearly all of them), one walk of all its facts reads less than a walk per group (groupsRead 0).
// `groupsRead`: the groups the page read (the caller asks again from there if superseded facts,
// counted in the degrees, left the page short).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH id, n, COUNT { (n)-[:FACT_TYPES]-() } AS degree
CALL (n, degree) {
  WITH n, degree WHERE degree > 50
  UNWIND range(0, size($groups) - 1) AS i
  WITH n, degree, i, $groups[i] AS g
  WITH degree, i, g, FACT_GROUP_DEGREE AS groupDegree
  ORDER BY i
  WITH degree, collect({rows: groupDegree - g.skip, all: groupDegree}) AS degrees
  WITH degree, reduce(acc = {rows: 0, all: 0, groups: 0}, d IN degrees |
    CASE WHEN acc.rows >= $limit THEN acc ELSE {rows: acc.rows + d.rows, all: acc.all + d.all, groups: acc.groups + 1} END) AS plan
  RETURN CASE WHEN degree - plan.all <= 50 THEN 0 ELSE plan.groups END AS groupsRead
  UNION ALL
  WITH n WHERE degree <= 50
  RETURN 0 AS groupsRead
}
CALL (n, groupsRead) {
  CALL (n, groupsRead) {
    WITH n WHERE groupsRead = 0
    MATCH (n)-[r:FACT_TYPES]-(m:Entity)
    // type(r) read once, not once per group it is compared with.
    WITH r, m, type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
    WITH r, m, [g IN $groups WHERE g.type = type AND g.direction = direction][0] AS g
    WHERE g IS NOT NULL
    RETURN g, r, m
    UNION ALL
    UNWIND $groups[..groupsRead] AS g
    CALL (n, g) {
      FACT_GROUP_EXPAND
    }
    RETURN g, r, m
  }
  WITH g, r, m WHERE coalesce(r.superseded, false) = false
    AND (g.afterId IS NULL OR m.id > g.afterId OR (m.id = g.afterId AND r.key > g.afterKey))
  WITH g.direction AS direction, g.rank AS rank, r, m
  ORDER BY rank, m.id, r.key LIMIT toInteger($limit)
  // include: factRows
}
RETURN id, facts AS relations, CASE groupsRead WHEN 0 THEN size($groups) ELSE groupsRead END AS groupsRead;

// name: entityRelationCount
// For each id: how many current facts the groups $groups hold (relationsConnection's totalCount,
// counted only when asked): every fact of the node in one walk when $whole (no filter) or it has few
// facts, else group by group as entityRelationPage reads them.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH id, n, $whole OR COUNT { (n)-[:FACT_TYPES]-() } <= 50 AS walk
CALL (n, walk) {
  CALL (n, walk) {
    WITH n WHERE walk
    MATCH (n)-[r:FACT_TYPES]-(m:Entity)
    WITH r, type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
    WHERE any(g IN $groups WHERE g.type = type AND g.direction = direction)
    RETURN r
    UNION ALL
    WITH n WHERE NOT walk
    UNWIND $groups AS g
    CALL (n, g) {
      FACT_GROUP_EXPAND
    }
    RETURN r
  }
  WITH r WHERE coalesce(r.superseded, false) = false
  RETURN count(r) AS total
}
RETURN id, total;

// fragment: ancestorsOf
// `n` (a place) → `ancestors`: the places it lies within, nearest first (Place.parent, Place.ancestors),
// with what the selection reads (SELECTED). A place may lie in two places (a mountain across
// counties): each ancestor once, at its nearest distance.
MATCH climb = (n)-[:WITHIN*1..8]->(a:Place)
WITH a, min(length(climb)) AS depth ORDER BY depth, a.id
RETURN collect(SELECTED(a)) AS ancestors

// name: placeTree
// For each asked place ($places: {id, ancestors, children}): the ancestors nearest first (Place.parent,
// Place.ancestors) and the children (Place.children: what lies WITHIN it, by id), each only when asked
// (null otherwise), with the properties the selection reads (SELECTED: a province's factsJson alone is
// 9 KB). entityDetails reads every relation of the place, and at scale a county has thousands of firms
// LOCATED_IN it: a breadcrumb must not read them.
UNWIND $places AS item
MATCH (n:Entity {id: item.id})
CALL (n, item) {
  WITH n WHERE item.ancestors
  // include: ancestorsOf
}
RETURN item.id AS id, CASE WHEN item.ancestors THEN ancestors END AS ancestors, CASE WHEN item.children THEN COLLECT {
  MATCH (n)<-[r:WITHIN]-(c:Entity) WHERE coalesce(r.superseded, false) = false
  WITH DISTINCT c ORDER BY c.id
  RETURN SELECTED(c)
} END AS children;

// name: entitiesByIds
// Plain node properties for each id that exists.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {API_FIELDS} AS node;

// fragment: citedDocuments
// `cited` (lists of document ids: the evDocs of the relations an answer returns, [] unless
// $withDocuments) → `documents`: each document they cite, once (DOCUMENT_FIELDS). An answer whose
// sources' documents are read (Evidence.document) brings them in its own trip, and primes the
// documents loader with them.
CALL (cited) {
  UNWIND cited AS ids
  UNWIND ids AS id
  WITH DISTINCT id
  MATCH (d:Document {id: id})
  RETURN collect(d {DOCUMENT_FIELDS}) AS documents
}

// name: documentsByIds
// Source document metadata (DOCUMENT_FIELDS: not the text).
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d {DOCUMENT_FIELDS} AS document;

// name: documentTexts
// The full texts of documents (Document.text, exports): an ingested article's whole text, read only when asked.
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.text AS text;

// name: allDocuments
// Every source document, by id (DOCUMENT_FIELDS: not the text).
MATCH (d:Document)
RETURN d {DOCUMENT_FIELDS} AS document
ORDER BY d.id;

// fragment: resolveExactly
// `item` ({raw, key, kind}; kind null: any) → `target`: the entity with id item.raw, or the one the
// name key item.key belongs to — the exact step of resolveNames: one primary match, or a single
// match. Otherwise (partial, ambiguous or unknown names) `target` is null and the caller resolves the
// name as every name is resolved (resolveNames: AMBIGUOUS, NOT_FOUND, partial names), then asks by id.
CALL (item) {
  CALL (item) {
    MATCH (n:Entity {id: item.raw}) RETURN n, true AS primary
    UNION ALL
    MATCH (k:NameKey {key: item.key}) MATCH (n:Entity {id: k.entityId}) RETURN n, k.primary AS primary
  }
  WITH n, primary WHERE item.kind IS NULL OR n.kind = item.kind
  WITH n, any(p IN collect(primary) WHERE p) AS primary
  WITH collect(n) AS matches, collect(CASE WHEN primary THEN n END) AS primaries
  RETURN CASE WHEN size(primaries) = 1 THEN primaries[0] WHEN size(primaries) = 0 AND size(matches) = 1 THEN matches[0] END AS target
}

// fragment: resolveNamesExactly
// The question's names ($names: {raw, key, kind} each) resolved in its own round trip (resolveExactly):
// `names` in order, each a node or null, and `resolved`, whether every one was. Queries that include
// it answer only when resolved, and return them as `RESOLVED_NAMES` (a token: src/db/queries.ts; see askResolved in src/services/resolve.ts).
CALL () {
  UNWIND range(0, size($names) - 1) AS i
  WITH i, $names[i] AS item
  // include: resolveExactly
  WITH i, target ORDER BY i
  RETURN [x IN collect({target: target}) | x.target] AS names
}
WITH names, none(n IN names WHERE n IS NULL) AS resolved

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
  RETURN collect({node: n {API_FIELDS}, primary: any(f IN flags WHERE f)}) AS matches
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
  RETURN collect({node: n {API_FIELDS}, prefix: prefix}) AS partial
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
// One page of search's ranking (the rule, and why each way of matching offers at most $bound
// candidates: docs/queries.md, "search: the ranking rule") and, when $withTotal, the number of
// distinct hits. Each index is asked once: the substring scan (TEXT index) and the full-text query
// feed both the page and the total. The candidates travel as small lists; the substring list, as
// long as the total's hits, is cut to $bound before the ranking reads it.
CALL () {
  // Substrings, keys in the TEXT index's order. The page ranks the first $bound; the total needs
  // every one (an exact or prefix key contains the text too, so these are every key hit).
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key CONTAINS $key AND ($kinds IS NULL OR k.kind IN $kinds)
  WITH k LIMIT toInteger(CASE WHEN $withTotal THEN 4611686018427387904 ELSE $bound END)
  RETURN collect(k.entityId) AS contained
}
CALL () {
  // Full-text hits with their score: the index's best 200.
  WITH 1 AS one WHERE $lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 200}) YIELD node, score
  WITH node, score WHERE $kinds IS NULL OR node.kind IN $kinds
  RETURN collect({id: node.id, score: score}) AS fulltext
}
CALL (contained, fulltext) {
  WITH contained, fulltext WHERE $withTotal
  UNWIND contained + [hit IN fulltext | hit.id] AS id
  RETURN count(DISTINCT id) AS total
}
CALL () {
  MATCH (k:NameKey {key: $key}) WHERE $kinds IS NULL OR k.kind IN $kinds
  RETURN collect({id: k.entityId, score: CASE WHEN k.primary THEN 100.0 ELSE 90.0 END}) AS exact
}
CALL () {
  MATCH (k:NameKey) WHERE size($key) > 0 AND k.key STARTS WITH $key AND ($kinds IS NULL OR k.kind IN $kinds)
  WITH k LIMIT toInteger($bound)
  RETURN collect({id: k.entityId, score: 60.0}) AS prefixed
}
UNWIND exact + prefixed + [id IN contained[..toInteger($bound)] | {id: id, score: 40.0}] + fulltext AS hit
// An aggregation: the rows after it hold only these values, not the lists.
WITH total, hit.id AS id, max(hit.score) AS score
ORDER BY score DESC
WITH total, collect({id: id, score: score}) AS scored
// Cut before reading entities: the page (and the row after it: k = offset + first + 1 rows) lies
// among the candidates scoring at least the k-th best score (ties at the cut stay in, for the
// name-length and id order), so only those entities are read, not every candidate's.
WITH total, scored, scored[toInteger($offset) + toInteger($first)].score AS cut
UNWIND CASE WHEN cut IS NULL THEN scored ELSE [c IN scored WHERE c.score >= cut] END AS c
MATCH (n:Entity {id: c.id})
WITH total, n, c.score AS score ORDER BY score DESC, size(n.name), n.id
LIMIT toInteger($offset) + toInteger($first) + 1
// No hit, no row (the caller reads: no page, total 0); a page past the last hit still has its row.
WITH total, collect({n: n, score: score}) AS ranked
CALL (ranked) {
  UNWIND ranked[toInteger($offset)..] AS x
  WITH x.n AS n, x.score AS score
  RETURN collect({node: SELECTED(n), score: score}) AS page
}
RETURN total, page;
