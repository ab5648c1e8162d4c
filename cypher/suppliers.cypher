// name: suppliersOf
// One page of the firms that supply the firm: those a text says SUPPLIES it (stated), and those that
// produce a product which is INPUT_TO a product the firm produces (through the product chain), each
// with those products and the quotes of the SUPPLIES and PRODUCES facts. Anchored on the firm's id
// (the entity_id constraint's index) and expanded from it, so no label is scanned. Superseded facts are
// left out. Keyset paging by supplier name then id; one row more than asked says whether a page follows.
// The firm is the one $names names, resolved in this round trip (resolveNamesExactly).
// include: resolveNamesExactly
CALL (names, resolved) {
  WITH names[0] AS buyer, resolved WHERE resolved
  CALL (buyer) {
    MATCH (buyer)<-[r:SUPPLIES]-(s:Firm)
    WHERE coalesce(r.superseded, false) = false
    RETURN s, true AS stated, null AS made, r AS rel
    UNION
    MATCH (buyer)-[rb:PRODUCES]->(:Product)<-[ri:INPUT_TO]-(made:Product)<-[rp:PRODUCES]-(s:Firm)
    WHERE s <> buyer AND coalesce(rb.superseded, false) = false AND coalesce(ri.superseded, false) = false AND coalesce(rp.superseded, false) = false
    RETURN s, false AS stated, made, rp AS rel
  }
  WITH s, stated, made, rel ORDER BY made.name, rel.key
  WITH s, any(x IN collect(stated) WHERE x) AS stated, collect(DISTINCT made) AS products, collect(DISTINCT rel) AS rels
  WITH s, stated, products, rels, [s.name, s.id] AS sortKey
  WHERE $after IS NULL OR sortKey > $after
  WITH s, stated, products, rels, sortKey ORDER BY sortKey LIMIT toInteger($first) + 1
  RETURN collect({
    supplier: s {API_FIELDS}, stated: stated, products: [p IN products | p {API_FIELDS}],
    rels: [r IN rels | r {.evDocs, .evQuotes, .evNotes}], sortKey: sortKey
  }) AS page
}
RETURN RESOLVED_NAMES, page;
