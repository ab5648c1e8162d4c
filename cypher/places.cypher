// name: firmsInPlace
// Firms LOCATED_IN the place (and, when asked, in any place WITHIN it), one page plus the total.
MATCH (target:Entity {id: $placeId})
CALL (target) {
  MATCH (sub:Place)-[:WITHIN*0..8]->(target)
  WHERE $includeSubareas OR sub = target
  RETURN collect(DISTINCT sub) AS areas
}
UNWIND areas AS area
MATCH (f:Firm)-[r:LOCATED_IN]->(area)
WHERE coalesce(r.superseded, false) = false
WITH f, r, area ORDER BY f.name, area.name, r.role
WITH collect({firm: properties(f), place: properties(area), rel: properties(r)}) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $first)] AS page;

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
ORDER BY COUNT { (b)--() } DESC, b.name;

// name: policiesConcerning
// Policies concerning the entity itself, its ancestor places, the industries it develops or belongs to, the bases it serves and, for firms and projects, their places.
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
RETURN properties(pol) AS policy, properties(via) AS via, inherited, properties(r) AS rel
ORDER BY inherited, pol.name, via.name;
