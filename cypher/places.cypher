// fragment: resolvePlaceExactly
// The place the question names, resolved in the question's own round trip: the entity with id $raw,
// or the one a name key $key belongs to, of kind $kind — the exact step of resolveNames
// (entities.cypher): one primary match, or a single match. Otherwise `target` is null and the caller
// resolves the name as every name is resolved (partial names, AMBIGUOUS, NOT_FOUND), then asks by id.
CALL () {
  CALL () {
    MATCH (n:Entity {id: $raw}) RETURN n, true AS primary
    UNION ALL
    MATCH (k:NameKey {key: $key}) MATCH (n:Entity {id: k.entityId}) RETURN n, k.primary AS primary
  }
  WITH n, primary WHERE n.kind = $kind
  WITH n, any(p IN collect(primary) WHERE p) AS primary
  WITH collect(n) AS matches, collect(CASE WHEN primary THEN n END) AS primaries
  RETURN CASE WHEN size(primaries) = 1 THEN primaries[0] WHEN size(primaries) = 0 AND size(matches) = 1 THEN matches[0] END AS target
}

// name: firmsInPlace
// One page of the firms LOCATED_IN the place (and, when asked, in any place WITHIN it), by firm name,
// then place name, role (none last) and relation key: the areaSortKey string (areas.cypher); $after
// is the previous page's last sortKey (keyset paging: no offset to skip). One row more than asked
// says whether a page follows. With sub-areas the page is an index seek on IN_AREA (placeId, sortKey)
// read in index order: first + 1 index entries, whatever the area's size. Without, the place's own
// placements are read and sorted (a single place's, not a subtree's).
// The place is resolved here (placeId null: not resolved exactly, see resolvePlaceExactly).
// include: resolvePlaceExactly
CALL (target) {
  CALL (target) {
    WITH target WHERE target IS NOT NULL AND $includeSubareas
    MATCH (f)-[x:IN_AREA]->()
    WHERE x.placeId = target.id AND x.sortKey > coalesce($after, '')
    // Ordered by both index keys (placeId is fixed): the planner then takes the index order, no Sort.
    WITH f, x ORDER BY x.placeId, x.sortKey LIMIT toInteger($first) + 1
    MATCH (f)-[r:LOCATED_IN]->(p:Place) WHERE r.key = x.placement
    RETURN f, r, p, x.sortKey AS sortKey
    UNION ALL
    WITH target WHERE target IS NOT NULL AND NOT $includeSubareas
    MATCH (f:Firm)-[r:LOCATED_IN]->(target)
    WHERE coalesce(r.superseded, false) = false
    WITH f, r, target AS p
    // include: areaSortKey
    WHERE sortKey > coalesce($after, '')
    WITH f, r, p, sortKey ORDER BY sortKey LIMIT toInteger($first) + 1
    RETURN f, r, p, sortKey
  }
  WITH f, r, p, sortKey ORDER BY sortKey
  RETURN collect({firm: properties(f), place: properties(p), rel: r {.role, .status, .evDocs, .evQuotes, .evNotes}, sortKey: sortKey}) AS page
}
RETURN target.id AS placeId, page;

// name: firmsInPlaceCount
// The number of placements firmsInPlace pages through, nothing fetched: with sub-areas the place's
// IN_AREA degree (read from the node, O(1) however many firms), else its own current placements.
// include: resolvePlaceExactly
CALL (target) {
  CALL (target) {
    WITH target WHERE target IS NOT NULL AND $includeSubareas
    RETURN COUNT { (target)<-[:IN_AREA]-() } AS n
    UNION ALL
    WITH target WHERE target IS NOT NULL AND NOT $includeSubareas
    RETURN COUNT { (:Firm)-[r:LOCATED_IN]->(target) WHERE coalesce(r.superseded, false) = false } AS n
  }
  RETURN sum(n) AS total
}
RETURN target.id AS placeId, total;

// name: projectsInPlace
// Projects located in the place (or its sub-areas); every project when placeId is null.
MATCH (pr:Project)
OPTIONAL MATCH (pr)-[:LOCATED_IN]->(loc:Place)
WITH pr, collect(loc.id) AS locIds, collect(loc) AS locs
WHERE $placeId IS NULL
   OR $placeId IN locIds
   OR ($includeSubareas AND any(l IN locs WHERE EXISTS { (l)-[:WITHIN*1..8]->(:Place {id: $placeId}) }))
RETURN properties(pr) AS node
ORDER BY pr.name;

// name: industrialBases
// Every industrial base, those with the most relations first.
MATCH (b:IndustrialBase)
RETURN properties(b) AS node
ORDER BY COUNT { (b)-[:FACT_TYPES]-(:Entity) } DESC, b.name;

// name: policiesConcerning
// Policies concerning the entity itself, its ancestor places, the industries it develops or belongs to, the bases it serves and, for firms and projects, their places.
// Each policy and each via node is sent once (nodes), the rows name them by id: the same place is often the via of dozens of policies.
MATCH (t:Entity {id: $id})
CALL (t) {
  RETURN t AS via, false AS inherited
  UNION
  MATCH (t)-[:WITHIN*1..8]->(a:Place) RETURN a AS via, true AS inherited
  UNION
  MATCH (t)-[:LOCATED_IN]->(:Place)-[:WITHIN*0..8]->(a:Place) RETURN a AS via, true AS inherited
  UNION
  MATCH (t)-[:DEVELOPS|IN_INDUSTRY]->(i:Industry) RETURN i AS via, true AS inherited
  UNION
  MATCH (t)-[:SERVES_BASE]->(b:IndustrialBase) RETURN b AS via, true AS inherited
}
MATCH (pol:Policy)-[r:CONCERNS]->(via)
WITH pol, via, inherited, r ORDER BY inherited, pol.name, via.name
WITH collect({policy: pol.id, via: via.id, inherited: inherited, rel: r {.evDocs, .evQuotes, .evNotes}}) AS rows,
     collect(DISTINCT pol) + collect(DISTINCT via) AS nodes
RETURN rows, [n IN nodes | properties(n)] AS nodes;

// name: firmPlacements
// For each firm id: the places it is LOCATED_IN, by place id, with only what FirmPlacement reads
// (a firm page or firmsIn asking for placements needs none of the firm's other relations).
UNWIND $ids AS id
MATCH (f:Entity {id: id}) WHERE f:Firm
CALL (f) {
  MATCH (f)-[r:LOCATED_IN]->(p:Place)
  WHERE coalesce(r.superseded, false) = false
  WITH r, p ORDER BY p.id
  RETURN collect({place: properties(p), rel: r {.role, .status, .evDocs, .evQuotes, .evNotes}}) AS placements
}
RETURN id, placements;
