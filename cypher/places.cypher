// fragment: resolvePlaceExactly
// The place the question names ($raw, $key, $kind), resolved in its own round trip as `target`
// (resolveExactly in entities.cypher; null: resolve the name as every name is, then ask by id).
WITH {raw: $raw, key: $key, kind: $kind} AS item
// include: resolveExactly

// name: firmsInPlace
// One page of the firms LOCATED_IN the place (and, when asked, in any place WITHIN it), by firm name,
// then place name, role (none last) and relation key: the areaSortKey string (areas.cypher); $after
// is the previous page's last sortKey (keyset paging: no offset to skip). One row more than asked
// says whether a page follows. With sub-areas the page is an index seek on IN_AREA (placeId, sortKey)
// read in index order: first + 1 index entries, whatever the area's size. Without, the place's own
// placements are read and sorted (a single place's, not a subtree's).
// The place is resolved here (placeId null: not resolved exactly, see resolvePlaceExactly). Entities
// and the placements carry the properties the selection reads ($fields, $relFields: SELECTED, SELECTED_REL);
// a row its sortKey (the cursor: names and the relation key, a third of a row) only when $withCursors
// (an edge's cursor or pageInfo.endCursor is read: the explorer's place table reads neither); its
// firm's placements only when $withPlacements (and their places' ancestors when $withAncestors).
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
  // Each firm's placements too when $withPlacements (Firm.placements is read: its loader is primed with them).
  CALL (f) {
    WITH f WHERE $withPlacements
    // include: placementsOf
  }
  WITH f, r, p, sortKey, placements ORDER BY sortKey
  RETURN collect({firm: SELECTED(f), place: SELECTED(p), rel: SELECTED_REL(r), sortKey: CASE WHEN $withCursors THEN sortKey END, placements: placements}) AS page,
         collect(CITED(r)) AS cited
}
// The documents the placements' evidence cites when their sources' documents are read.
// include: citedDocuments
// The total in the same round trip when the operation names it ($withTotal): placementCount, not a
// second statement; null when not asked.
// include: placementCount
RETURN target.id AS placeId, page, CASE WHEN $withTotal THEN total END AS total, documents;

// fragment: placementCount
// `target` → `total`: the number of placements firmsInPlace pages through, nothing fetched: with
// sub-areas the place's IN_AREA degree (read from the node, O(1) however many firms), else its own
// current placements. 0 when `target` is null or $withTotal is false.
CALL (target) {
  CALL (target) {
    WITH target WHERE target IS NOT NULL AND $withTotal AND $includeSubareas
    RETURN COUNT { (target)<-[:IN_AREA]-() } AS n
    UNION ALL
    WITH target WHERE target IS NOT NULL AND $withTotal AND NOT $includeSubareas
    RETURN COUNT { (:Firm)-[r:LOCATED_IN]->(target) WHERE coalesce(r.superseded, false) = false } AS n
  }
  RETURN sum(n) AS total
}

// name: firmsInPlaceCount
// The number of placements firmsInPlace pages through (placementCount), on its own: when the total
// is reached by a fragment the page's trip did not know about ($withTotal: true).
// include: resolvePlaceExactly
// include: placementCount
RETURN target.id AS placeId, total;

// name: projectsInPlace
// Projects located in the place $names names (or its sub-areas), by name; every project when
// $names is empty. The place is resolved in this round trip (resolveNamesExactly).
// include: resolveNamesExactly
CALL (names, resolved) {
  WITH names[0] AS place, resolved WHERE resolved
  MATCH (pr:Project)
  OPTIONAL MATCH (pr)-[:LOCATED_IN]->(loc:Place)
  WITH place, pr, collect(loc) AS locs
  WHERE place IS NULL
     OR place IN locs
     OR ($includeSubareas AND any(l IN locs WHERE EXISTS { (l)-[:WITHIN*1..8]->(place) }))
  WITH pr ORDER BY pr.name
  RETURN collect(pr {API_FIELDS}) AS projects
}
RETURN RESOLVED_NAMES, projects;

// name: industrialBases
// Every industrial base, those with the most relations first.
MATCH (b:IndustrialBase)
RETURN b {API_FIELDS} AS node
ORDER BY COUNT { (b)-[:FACT_TYPES]-(:Entity) } DESC, b.name;

// name: policiesConcerning
// Policies concerning the entity itself, its ancestor places, the industries it develops or belongs to, the bases it serves and, for firms and projects, their places.
// Each policy and each via node is sent once (nodes), the rows name them by id: the same place is often the via of dozens of policies.
// The entity is the one $names names, resolved in this round trip (resolveNamesExactly). Nodes carry
// the properties the selection reads ($fields: SELECTED), rows their evidence only when it is read ($withEvidence).
// include: resolveNamesExactly
CALL (names, resolved) {
  WITH names[0] AS t, resolved WHERE resolved
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
  RETURN collect({policy: pol.id, via: via.id, inherited: inherited, rel: CASE WHEN $withEvidence THEN r {.evDocs, .evQuotes, .evNotes} ELSE {} END}) AS rows,
         collect(DISTINCT pol) + collect(DISTINCT via) AS nodes,
         collect(CITED(r)) AS cited
}
// The documents the relevances' evidence cites when their sources' documents are read.
// include: citedDocuments
RETURN RESOLVED_NAMES, rows, [n IN nodes | SELECTED(n)] AS nodes, documents;

// name: firmPlacements
// For each firm id: the places it is LOCATED_IN, by place id, with only what the selection reads of the
// place and the relation (SELECTED, SELECTED_REL; a firm page or firmsIn asking for placements needs
// none of the firm's other relations, and a place's stored facts are kilobytes); each place's
// ancestors too when $withAncestors (the selection reads place.ancestors: placeTree's rule, in this trip).
UNWIND $ids AS id
MATCH (f:Entity {id: id}) WHERE f:Firm
CALL (f) {
  // include: placementsOf
}
RETURN id, placements;

// fragment: placementsOf
// `f` (a firm) → `placements`: the places it is LOCATED_IN now, by place id, with what the selection
// reads (SELECTED, SELECTED_REL); each place's ancestors when $withAncestors (ancestorsOf), else [].
// Names of its own (located, site): firmsInPlace includes it where r and p are the page's row.
MATCH (f)-[located:LOCATED_IN]->(site:Place)
WHERE coalesce(located.superseded, false) = false
CALL (site) {
  WITH site AS n WHERE $withAncestors
  // include: ancestorsOf
}
WITH located, site, ancestors ORDER BY site.id
RETURN collect({place: SELECTED(site), rel: SELECTED_REL(located), ancestors: ancestors}) AS placements
