// name: firmsInPlace
// One page of the firms LOCATED_IN the place (and, when asked, in any place WITHIN it), by firm name,
// then place name, role (none last) and relation key; $after is the sort key of the previous page's
// last row (keyset paging: no offset to skip). One row more than asked says whether a page follows.
MATCH (target:Entity {id: $placeId})
CALL (target) {
  MATCH (area:Place)-[:WITHIN*0..8]->(target)
  WHERE $includeSubareas OR area = target
  RETURN DISTINCT area
}
MATCH (f:Firm)-[r:LOCATED_IN]->(area)
WHERE coalesce(r.superseded, false) = false
WITH f, r, area, [f.name, area.name, coalesce(r.role, '\uffff'), r.key] AS sortKey
WHERE $after IS NULL OR sortKey > $after
WITH f, r, area, sortKey ORDER BY sortKey LIMIT toInteger($first) + 1
RETURN properties(f) AS firm, properties(area) AS place, properties(r) AS rel, sortKey;

// name: firmsInPlaceCount
// The number of placements firmsInPlace pages through: counted per area, nothing fetched.
MATCH (target:Entity {id: $placeId})
CALL (target) {
  MATCH (area:Place)-[:WITHIN*0..8]->(target)
  WHERE $includeSubareas OR area = target
  RETURN DISTINCT area
}
RETURN sum(COUNT { (:Firm)-[r:LOCATED_IN]->(area) WHERE coalesce(r.superseded, false) = false }) AS total;

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
ORDER BY COUNT { (b)--(:Entity) } DESC, b.name;

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
