// fragment: chainOf
// `a`, `b` (products) → `chain`: the products reachable from `a` (INPUT_TO, up to 12 hops) that also
// reach `b`, as reachability, never path enumeration: each set is found by a pruning breadth-first
// expand, so the work grows with the chain's size, not with its number of paths.
CALL (b) {
  MATCH (up:Product)-[:INPUT_TO*0..12]->(b)
  RETURN collect(DISTINCT up) AS upstream
}
CALL (a, upstream) {
  MATCH (a)-[:INPUT_TO*0..12]->(down:Product)
  WITH DISTINCT down WHERE down IN upstream
  RETURN collect(down) AS chain
}

// fragment: stepInputs
// `step`, `chain` → `inputs`: the ids of the step's inputs on the chain (producers are paged per step:
// chainProducers). Ids only: every input on the chain is a step of it too, whose row the answer carries.
CALL (step, chain) {
  OPTIONAL MATCH (input:Product)-[:INPUT_TO]->(step) WHERE input IN chain
  RETURN collect(input.id) AS inputs
}

// name: chainSteps
// The chain from one product to another by id (chainOf), each step with its inputs on the chain.
// Ids are found through the Entity id constraint's index (a label of its own has no index on id).
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId}) WHERE a:Product AND b:Product
// include: chainOf
UNWIND chain AS step
// include: stepInputs
RETURN SELECTED(step) AS product, inputs;

// name: supplyChain
// supplyChain in one round trip: its names ($names: from, to and, when given, within; resolved here by
// resolveNamesExactly, no row when one is not exact), the steps (chainOf, stepInputs) and, when
// $prefetch, each step's first page of producers exactly as chainProducers ranks and pages it (the
// page the operation asks every step for; with `within`, producers are paged by chainProducersPlaced).
// include: resolveNamesExactly
WITH names, names[0] AS a, names[1] AS b, resolved WHERE resolved
// include: chainOf
CALL (chain) {
  UNWIND chain AS step
  // include: stepInputs
  CALL (step) {
    WITH step WHERE $prefetch
    // include: rankedPage
    // include: indexedPlace
    // include: productionRow
  }
  // The unfiltered total too (a degree: one db hit a step), so a page's totalCount needs no trip of its own.
  // include: producerDegree
  RETURN collect({product: SELECTED(step), inputs: inputs, producers: producers, documents: documents, total: degree}) AS steps
}
RETURN RESOLVED_NAMES, steps;

// name: chainGapSteps
// chainGaps' steps in one round trip: its names ($names: place, from, to; resolveNamesExactly, no row
// when one is not exact) and the steps of the chain (chainOf), each `local` when the producer index
// holds a production of it with a status in $statuses (operating) placed in the place or its
// sub-areas (PRODUCER_RANK.placeId: the production's place by the productionPlace rule). Two ways to
// the same answer, chosen by the number of the area's places:
// - a small area (≤ $areaSeekLimit places: a park, a county) is sought place by place (index seeks on
//   (stepId, placeId, rankKey) within each status range), stopping at the first found: a gap — the
//   case users ask about — costs one seek per place, whatever the step's number of producers;
// - a large one (a prefecture, the province) reads each status range of the step in index order and
//   stops at the first row placed in the area: there nearly every step has one near the start.
// include: resolveNamesExactly
WITH names, names[0] AS here, names[1] AS a, names[2] AS b, resolved WHERE resolved
// include: gapSteps
RETURN RESOLVED_NAMES, steps;

// name: chainGapsWithCandidates
// chainGapSteps and, in the same round trip, each gap's first page of candidates exactly as
// gapCandidates pages it with the place as its target: what chainGaps asks when the operation asks
// every gap for the same page (ChainGap.candidates), so the candidates cost no trip of their own.
// include: resolveNamesExactly
WITH names, names[0] AS here, names[1] AS a, names[2] AS b, resolved WHERE resolved
// include: gapSteps
CALL (gapIds, here, area) {
  // Only when there are gaps (a county with none is the common case at 1M): no ancestors, no rings.
  // The target's subtree is gapSteps' area, walked once.
  WITH gapIds AS stepIds, here AS t, area AS inside WHERE size(gapIds) > 0
  // include: candidateRings
  // include: candidatePage
  RETURN collect({stepId: stepId, producers: producers, documents: documents}) AS candidates
}
RETURN RESOLVED_NAMES, steps, candidates;

// fragment: gapSteps
// `here` (a place), `a`, `b` (products) → `steps`, the chain's steps each with its inputs and `local`
// (chainGapSteps' rule), and `gapIds`: the ids of the steps that are not local.
// include: chainOf
CALL (here) {
  MATCH (sub:Place)-[:WITHIN*0..8]->(here)
  RETURN collect(DISTINCT sub.id) AS area
}
CALL (chain, area) {
  UNWIND chain AS step
  // include: stepInputs
  CALL (step, area) {
    // include: statusRanges
    WITH step, area, low, high, checked, size(area) <= $areaSeekLimit AS bySeeks
    CALL (step, area, low, high, checked, bySeeks) {
      WITH step, area, low, high, checked WHERE bySeeks
      CALL (step, area, low, high, checked) {
        UNWIND area AS placeId
        MATCH ()-[x:PRODUCER_RANK]->()
        WHERE x.stepId = step.id AND x.placeId = placeId AND x.rankKey > low AND x.rankKey < high AND (NOT checked OR x.status IN $statuses)
        RETURN x LIMIT 1
      }
      RETURN x
      UNION ALL
      WITH step, area, low, high, checked WHERE NOT bySeeks
      CALL (step, area, low, high, checked) {
        MATCH ()-[x:PRODUCER_RANK]->()
        WHERE x.stepId = step.id AND x.rankKey > low AND x.rankKey < high AND x.placeId IN area AND (NOT checked OR x.status IN $statuses)
        RETURN x LIMIT 1
      }
      RETURN x
    }
    RETURN count(x) > 0 AS local
  }
  RETURN collect({product: SELECTED(step), inputs: inputs, local: local}) AS steps, collect(CASE WHEN NOT local THEN step.id END) AS gapIds
}

// fragment: stepProductions
// The productions of `step` (of the product or of a kind of it: 新能源客车 is a 新能源汽车) with
// their status, kept when it is one of $statuses (null: any).
MATCH (producer:Entity)-[r:PRODUCES]->(made:Product)-[:KIND_OF*0..3]->(step)
WHERE coalesce(r.superseded, false) = false
// include: productionStatus
WITH producer, r, made, status
WHERE $statuses IS NULL OR status IN $statuses

// fragment: productionPlace
// Where a production is (`place`, null when unknown) and, when $placeAncestry, that place's ancestry
// (ids with distance; else []): what place filters, distances and the gap test read, and an export's
// in-place column — a page of the producer index that shows places only does not need it (two
// variable-length expands a row saved); `sortKey` passes through (null before the page is ranked).
WITH producer, r, made, status, sortKey,
     head(COLLECT { MATCH (x:Entity {id: r.at}) WHERE x:Place RETURN x }) AS stated,
     head(COLLECT {
       MATCH (producer)-[l:LOCATED_IN]->(pl:Place)
       RETURN pl ORDER BY CASE WHEN l.role IN ['production_base', 'plant', 'site'] THEN 0 ELSE 1 END, pl.id
     }) AS located
// A place that produces (Fuquan ships LFP) is its own production place; a firm's production whose
// site the text does not state (r.siteNotStated) gets no place rather than one inferred by id order.
WITH producer, r, made, status, sortKey, coalesce(stated, CASE WHEN producer:Place THEN producer END, CASE WHEN r.siteNotStated THEN null ELSE located END) AS place
// include: placeAncestry

// fragment: placeAncestry
// `place` → `ancestry`: when $placeAncestry, the place's ancestor ids with their distance (else []).
WITH producer, r, made, status, sortKey, place,
     CASE WHEN place IS NULL OR NOT $placeAncestry THEN [] ELSE [q = (place)-[:WITHIN*0..8]->(anc:Place) | {id: anc.id, distance: length(q)}] END AS ancestry

// fragment: indexedPlace
// `placeId` (a producer index row's: productionPlace's answer, kept by the index's writers) → `place`
// and its ancestry, as productionPlace gives them, with one index seek instead of the rule's reads.
WITH producer, r, made, status, sortKey, head(COLLECT { MATCH (p:Entity {id: placeId}) WHERE p:Place RETURN p }) AS place
// include: placeAncestry

// fragment: placeFilter
// $within: the production place lies in every one of these place ids; $outside: null, or an id it
// must NOT lie in (a production with no place is outside every place).
WHERE all(w IN $within WHERE any(a IN ancestry WHERE a.id = w))
  AND ($outside IS NULL OR none(a IN ancestry WHERE a.id = $outside))

// fragment: rankAndPage
// The ranking: `distance` (0 unless a target place is given), then the producer index's rankKey
// (productionRankKey in producers.cypher: the status ladder operating, trial, under_construction,
// signed, planned, others; capacity, largest first, none last; producer id, product id, relation
// key); rows after the cursor $after ([distance, rankKey]), first + 1 of them (the extra one says
// that a page follows). Used where every production's place is needed first (placed pages).
WITH producer, r, made, status, place, ancestry, distance
// include: productionRankKey
WITH producer, r, made, status, place, ancestry, [distance, rankKey] AS sortKey
WHERE $after IS NULL OR sortKey > $after
WITH producer, r, made, status, place, ancestry, sortKey ORDER BY sortKey LIMIT toInteger($first) + 1

// fragment: productionRow
// Entities and the relation with the properties the question's selection reads ($fields, $relFields:
// SELECTED, SELECTED_REL; null: all, as curation and exports read them); the product made only when
// $withMade (Production.product is read); the place's ancestry only when $withAncestry (an export's
// in-place column): a page of every step is otherwise megabytes of maps nobody reads. A row's sort key
// (a long string: the cursor) only when $edgeCursors, or for the rows whose cursor ends the page
// (index $first - 1, or the last row when fewer came): a third of the bytes of a chain's pages.
// The documents the rows' evidence cites, once each, only when $withDocuments (citedDocuments).
// A row is the list [producer, made, rel, place, ancestry, sortKey] (ProductionRowModel): no key
// strings in each of a chain's thousand rows.
WITH collect([
  SELECTED(producer),
  CASE WHEN $withMade THEN SELECTED(made) END,
  SELECTED_REL(r),
  SELECTED(place),
  CASE WHEN $withAncestry THEN ancestry ELSE [] END,
  sortKey
]) AS rows, collect(CITED(r)) AS cited
// include: citedDocuments
RETURN CASE WHEN $edgeCursors THEN rows ELSE [i IN range(0, size(rows) - 1) |
  CASE WHEN i = size(rows) - 1 OR i = toInteger($first) - 1 THEN rows[i] ELSE rows[i][0..5] + [null] END] END AS producers,
  documents

// name: chainProducers
// One keyset page of producers for each step in $steps, with no place filter: read from the producer
// index (rankedPage: index seeks on (stepId, rankKey), first + 1 entries per status range, whatever
// the step's number of producers); places are looked up for the page's rows only.
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  // include: rankedPage
  // include: indexedPlace
  // include: productionRow
}
RETURN stepId, producers, documents;

// name: chainProducersPlaced
// chainProducers filtered by place ($within, $outside) and, when $target is a place id, ranked by
// the tree distance from it first (gap candidates: hops through the nearest common ancestor; no
// known place = 1000): every production's place is needed before the page is cut.
CALL () {
  OPTIONAL MATCH q = (t:Entity {id: $target})-[:WITHIN*0..8]->(anc:Place) WHERE t:Place
  WITH anc.id AS id, min(length(q)) AS distance WHERE id IS NOT NULL
  RETURN collect({id: id, distance: distance}) AS target
}
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step, target) {
  // include: stepProductions
  WITH producer, r, made, status, null AS sortKey
  // include: productionPlace
  // include: placeFilter
  WITH producer, r, made, status, place, ancestry,
       CASE WHEN $target IS NULL THEN 0
            ELSE coalesce(reduce(d = null, t IN target | reduce(m = d, a IN ancestry | CASE WHEN a.id = t.id AND (m IS NULL OR a.distance + t.distance < m) THEN a.distance + t.distance ELSE m END)), 1000)
       END AS distance
  // include: rankAndPage
  // include: productionRow
}
RETURN stepId, producers, documents;

// fragment: producerDegree
// `step` → `degree`: how many productions of the step chainProducers pages through with no status
// filter — its PRODUCER_RANK degree, read from the node (no production is expanded).
WITH *, COUNT { (step)<-[:PRODUCER_RANK]-() } AS degree

// name: chainProducersCount
// How many productions chainProducers pages through for each step, counted only: with no status
// filter the step's PRODUCER_RANK degree (read from the node), else the index entries of each
// status range (statusRanges).
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  CALL (step) {
    WITH step WHERE $statuses IS NULL
    // include: producerDegree
    RETURN degree AS n
    UNION ALL
    WITH step WHERE $statuses IS NOT NULL
    // include: statusRanges
    CALL (step, low, high, checked) {
      MATCH ()-[x:PRODUCER_RANK]->()
      WHERE x.stepId = step.id AND x.rankKey > low AND x.rankKey < high AND (NOT checked OR x.status IN $statuses)
      RETURN count(x) AS n
    }
    RETURN n
  }
  RETURN sum(n) AS total
}
RETURN stepId, total;

// name: chainProducersPlacedCount
// How many productions chainProducersPlaced pages through for each step (same filters), counted only.
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
CALL (step) {
  // include: stepProductions
  WITH producer, r, made, status, null AS sortKey
  // include: productionPlace
  // include: placeFilter
  RETURN count(*) AS total
}
RETURN stepId, total;

// name: placeAncestry
// A place's own id and its ancestors' ids with their distance, for measuring how near producers are.
MATCH q = (p:Entity {id: $placeId})-[:WITHIN*0..8]->(anc:Place) WHERE p:Place
RETURN anc.id AS id, min(length(q)) AS distance
ORDER BY distance, id;

// name: gapCandidates
// chainGaps' candidates for each step in $steps: chainProducersPlaced's answer for a $target place
// (its productions outside the target, nearest first by tree distance, then by rankKey; keyset pages
// after $after = [distance, rankKey]) read from the producer index's place seeks (stepId, placeId,
// rankKey) ring by ring outwards, never every production of the step:
// - `rings`: every place outside the target below one of its ancestors, with its distance (hops up
//   to the ancestor, then down), nearest first; `placed`: those and the target's own subtree;
// - per step, the rings are sought in that order, first + 1 entries each, until first + 1 rows are
//   found (the LIMIT stops pulling rings: farther ones are not read); the page then takes every ring
//   up to the distance where it filled. Only when the rings do not fill it, the step's other
//   productions (no known place, or a place outside the target's tree: distance 1000) are read in
//   rank order;
// - a step with few productions (degree² ≤ $stepSide · (first + 1) · the places left to seek: the
//   seeks would mostly find nothing) is read from its own side instead: each of its index rows but
//   those in the target's subtree, its distance through the nearest ancestor its place shares with
//   the target (none: 1000), sorted. The same rows in the same order either way (test/scale.int.test.ts);
// - the rings are computed only when some step is read ring by ring (candidateRings).
// include: targetInside
WITH t, inside, $steps AS stepIds
// include: candidateRings
// include: candidatePage
RETURN stepId, producers, documents;

// fragment: targetInside
// $target → `t` (null when it is not a place) and `inside` (insideOf).
OPTIONAL MATCH (t:Entity {id: $target}) WHERE t:Place
// include: insideOf

// fragment: insideOf
// `t` (a place, or null) → `inside`: the ids of its own subtree (itself included; none for null).
CALL (t) {
  MATCH (t)<-[:WITHIN*0..8]-(inner:Place)
  RETURN collect(DISTINCT inner.id) AS inside
}

// fragment: candidateRings
// `t` (the target place; null: none), `inside` (its subtree's ids: insideOf), `stepIds` → a row per step (`step`, `stepId`, `bySide`: whether
// candidatePage reads it from its own side) with the places around the target in the order candidates
// are sought: `inside`, `targetChain` (its ancestors with their rise) and, only
// when a step is read ring by ring, `rings` (every place outside the target below one of its
// ancestors, with its distance: hops up to the ancestor, then down; nearest first; else []), `placed`
// (inside and the rings), `starts`; the cursor $after as `afterDistance`, `afterKey`, with `from`,
// where the rings at or after its distance begin.
CALL (t) {
  MATCH up = (t)-[:WITHIN*0..8]->(anc:Place)
  WITH anc, min(length(up)) AS rise
  RETURN collect({anc: anc, rise: rise}) AS chain
}
CALL (stepIds) {
  UNWIND stepIds AS stepId
  MATCH (step:Entity {id: stepId}) WHERE step:Product
  // include: producerDegree
  RETURN collect({step: step, stepId: stepId, degree: degree}) AS sized
}
WITH *, CASE WHEN $after IS NULL THEN -1 ELSE $after[0] END AS afterDistance, CASE WHEN $after IS NULL THEN '' ELSE $after[1] END AS afterKey
// The rule, once: a step is read from its own side when degree² ≤ $stepSide · (first + 1) · the places
// a ring-by-ring read would still seek. Those are first counted without a walk — every place (the count
// store) but the target's subtree; none without a target — and the rings are computed only when some
// step is still read ring by ring against that count: on a small graph every step is read from its own
// side, and the rings (the province's every place with its distance) were 630 of 1,417 db hits of a
// curated chainGaps. (Past the rings, a cursor at distance 1000, a ring-by-ring read still needs them:
// `placed` tells the rows at distance 1000 from those nearer.)
WITH *, $stepSide * (toInteger($first) + 1) AS sideBound, CASE WHEN t IS NULL THEN 0 ELSE COUNT { (:Place) } - size(inside) END AS around
WITH *, any(s IN sized WHERE s.degree * s.degree > sideBound * around) AS ringsNeeded
CALL (chain, inside, ringsNeeded) {
  UNWIND chain AS a
  WITH chain, inside, a.anc AS anc, a.rise AS rise WHERE ringsNeeded AND rise > 0
  CALL (chain, anc, rise) {
    RETURN anc AS pl, rise AS distance
    UNION ALL
    // Below the ancestor, every branch but those toward the target (reached as near or nearer from their own ring).
    MATCH (anc)<-[:WITHIN]-(c:Place) WHERE NOT any(b IN chain WHERE b.anc = c AND b.rise <= rise + 1)
    MATCH down = (c)<-[:WITHIN*0..7]-(pl:Place)
    RETURN pl, rise + 1 + length(down) AS distance
  }
  WITH inside, pl.id AS id, min(distance) AS distance WHERE NOT id IN inside
  ORDER BY distance, id
  RETURN collect({id: id, distance: distance}) AS rings
}
WITH sized, inside, [a IN chain | {id: a.anc.id, rise: a.rise}] AS targetChain, rings, afterDistance, afterKey, sideBound, around, ringsNeeded
// Where each distance starts in `rings` ([distance, index]): a step's rings are list slices, not filters.
WITH *, inside + [r IN rings | r.id] AS placed,
     [i IN range(0, size(rings) - 1) WHERE i = 0 OR rings[i].distance <> rings[i - 1].distance | [rings[i].distance, i]] AS starts
// The rings at or after the cursor's distance begin at `from`.
WITH *, coalesce(head([s IN starts WHERE s[0] >= afterDistance | s[1]]), size(rings)) AS from
WITH *, CASE WHEN ringsNeeded THEN size(rings) - from ELSE around END AS left
UNWIND sized AS s
WITH s.step AS step, s.stepId AS stepId, s.degree * s.degree <= sideBound * left AS bySide,
     rings, inside, targetChain, placed, starts, from, afterDistance, afterKey

// fragment: candidatePage
// `step`, `bySide` and candidateRings' variables → `producers`, `documents`: the step's page of
// candidates after the cursor, by gapCandidates' rule.
CALL (step, bySide, rings, inside, targetChain, placed, starts, from, afterDistance, afterKey) {
  // The rows after the cursor, ring by ring or from the step's side, unsorted beyond what each read needs.
  CALL (step, bySide, rings, inside, targetChain, placed, starts, from, afterDistance, afterKey) {
    // A few productions: read from the step's side.
    WITH step, inside, targetChain, afterDistance, afterKey WHERE bySide
    CALL (step, inside, targetChain, afterDistance, afterKey) {
      MATCH ()-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.rankKey > '' AND NOT x.placeId IN inside
      WITH x, head(COLLECT { MATCH (pl:Entity {id: x.placeId}) WHERE pl:Place RETURN pl }) AS pl
      WITH x, CASE WHEN pl IS NULL THEN [] ELSE [up = (pl)-[:WITHIN*0..8]->(anc:Place) | {id: anc.id, rise: length(up)}] END AS ancestry
      WITH x, coalesce(reduce(d = null, a IN ancestry | reduce(m = d, t IN targetChain | CASE WHEN t.id = a.id AND (m IS NULL OR a.rise + t.rise < m) THEN a.rise + t.rise ELSE m END)), 1000) AS distance
      WHERE distance > afterDistance OR (distance = afterDistance AND x.rankKey > afterKey)
      RETURN x, distance
    }
    RETURN x, distance
    UNION ALL
    // Many: ring by ring.
    WITH step, rings, placed, starts, from, afterDistance, afterKey WHERE NOT bySide
    // The distance at which first + 1 rows are found (`filled`), or not `full`.
    CALL (step, rings, from, afterDistance, afterKey) {
      UNWIND rings[from..] AS ring
      // include: ringSeek
      WITH ring.distance AS distance LIMIT toInteger($first) + 1
      RETURN max(distance) AS filled, count(*) > toInteger($first) AS full
    }
    CALL (step, rings, placed, starts, from, afterDistance, afterKey, filled, full) {
      // Every ring up to the distance where the page filled (all of them when it did not).
      UNWIND rings[from..CASE WHEN full THEN coalesce(head([s IN starts WHERE s[0] > filled | s[1]]), size(rings)) ELSE size(rings) END] AS ring
      // include: ringSeek
      RETURN x, ring.distance AS distance
      UNION ALL
      WITH step, placed, afterDistance, afterKey WHERE NOT full AND afterDistance <= 1000
      // In a subquery of its own, so the planner cannot move the guard above after the index seek.
      CALL (step, placed, afterDistance, afterKey) {
        MATCH ()-[x:PRODUCER_RANK]->()
        WHERE x.stepId = step.id AND x.rankKey > CASE WHEN afterDistance = 1000 THEN afterKey ELSE '' END AND NOT x.placeId IN placed
        WITH x ORDER BY x.stepId, x.rankKey LIMIT toInteger($first) + 1
        RETURN x
      }
      RETURN x, 1000 AS distance
    }
    RETURN x, distance
  }
  WITH x, distance ORDER BY distance, x.rankKey LIMIT toInteger($first) + 1
  WITH x, distance, startNode(x) AS producer
  MATCH (producer)-[r:PRODUCES]->(made:Product) WHERE coalesce(r.key, elementId(r)) = x.production
  WITH producer, r, made, x.status AS status, [distance, x.rankKey] AS sortKey, x.placeId AS placeId
  // include: indexedPlace
  WITH producer, r, made, status, place, ancestry, sortKey ORDER BY sortKey
  // include: productionRow
}

// fragment: ringSeek
// `step`, `ring` ({id, distance}), `afterDistance`, `afterKey` → `x`: the step's index entries at the
// ring's place in rank order, after the cursor, first + 1 at most (an index seek on (stepId, placeId, rankKey)).
CALL (step, ring, afterDistance, afterKey) {
  MATCH ()-[x:PRODUCER_RANK]->()
  WHERE x.stepId = step.id AND x.placeId = ring.id AND x.rankKey > CASE WHEN ring.distance = afterDistance THEN afterKey ELSE '' END
  WITH x ORDER BY x.stepId, x.placeId, x.rankKey LIMIT toInteger($first) + 1
  RETURN x
}

// name: gapCandidatesCount
// How many productions gapCandidates pages through for each step: the step's index entries (a degree)
// but those placed in the target's own subtree (place seeks).
CALL () {
  // include: targetInside
  RETURN inside
}
UNWIND $steps AS stepId
MATCH (step:Entity {id: stepId}) WHERE step:Product
// include: producerDegree
CALL (step, inside) {
  UNWIND inside AS placeId
  // A composite index seeks only with a predicate on each of its keys: rankKey > '' holds for every row.
  MATCH ()-[x:PRODUCER_RANK]->() WHERE x.stepId = step.id AND x.placeId = placeId AND x.rankKey > ''
  RETURN count(x) AS within
}
RETURN stepId, degree - within AS total;
