// Curation: ingested documents, review candidates, contributed facts, supersession and the audit trail.
// Everything written here has origin 'contrib'; the seed loader never writes or prunes it.

// name: curationDocumentBySha
// The document whose normalized text has this sha256, if any.
MATCH (d:Document {sha256: $sha256})
RETURN d {DOCUMENT_FIELDS} AS document
LIMIT 1;

// name: curationDocumentCreate
// Stores an ingested document with its full text; a second ingestion of the same text changes nothing.
MERGE (d:Document {id: $id})
ON CREATE SET d += $props, d.origin = 'contrib', d.ingestedBy = $curator, d.ingestedAt = $now
RETURN d {DOCUMENT_FIELDS} AS document, coalesce(d.ingestedAt = $now AND d.ingestedBy = $curator, false) AS created;

// name: curationCandidatesUpsert
// Stores candidates by their deterministic ids: new ones are PENDING, known ones (rejected included) keep their state.
UNWIND $rows AS row
MERGE (c:Candidate {id: row.id})
ON CREATE SET c += row.props, c.state = 'PENDING', c.origin = 'contrib', c.createdAt = $now
RETURN count(c) AS stored;

// name: curationCandidatesOfDocument
// Every candidate of a document, in reading order (entities first).
MATCH (c:Candidate {document: $document})
RETURN properties(c) AS candidate
ORDER BY c.sort, c.start, c.id;

// name: curationQueue
// One page of candidates in a state (optionally of one document), oldest document first, in reading order.
MATCH (c:Candidate)
WHERE c.state = $state AND ($document IS NULL OR c.document = $document)
WITH c ORDER BY c.createdAt, c.document, c.sort, c.start, c.id
WITH collect(properties(c)) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $first)] AS page;

// name: curationCandidatesByIds
// Candidates by id.
UNWIND $ids AS id
MATCH (c:Candidate {id: id})
RETURN properties(c) AS candidate;

// name: curationLockCandidate
// Takes the candidate's write lock for the review transaction (concurrent reviews of it run one after the other).
MATCH (c:Candidate {id: $id})
SET c.lockedAt = $now
RETURN properties(c) AS candidate;

// name: curationDocumentText
// The text and date of a document, for checking quotes and dating facts.
MATCH (d:Document {id: $id})
RETURN d.text AS text, d.date AS date;

// name: curationResolvedName
// The entity an accepted entity candidate of the same document resolved a name to.
MATCH (c:Candidate {document: $document})
WHERE c.type = 'entity' AND c.state = 'ACCEPTED' AND c.name = $name
RETURN c.resolvedId AS id
ORDER BY c.id
LIMIT 1;

// name: curationIdsTaken
// Which of these entity ids exist already.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id;

// name: curationCreateEntity
// A contributed entity (kind from the validated enum becomes its label).
CREATE (n:Entity {id: $id})
SET n:$($kind), n += $props, n.origin = 'contrib'
RETURN properties(n) AS node;

// name: curationSameFacts
// Every statement of this type between the two entities, current or not, with the date of its first source.
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
OPTIONAL MATCH (d:Document {id: head(r.evDocs)})
RETURN properties(r) AS rel, d.date AS docDate;

// name: curationCreateFact
// Writes a contributed fact (type from the validated enum) by its key; a retry finds it and changes nothing.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:$($type) {key: $key}]->(b)
ON CREATE SET r += $props, r.origin = 'contrib'
RETURN properties(r) AS rel;

// name: curationSupersede
// Marks older statements between the same ends as superseded by the new one (kept, with a pointer).
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type AND r.key IN $keys
SET r.superseded = true, r.supersededBy = $by, r.supersededAt = $now
RETURN count(r) AS superseded;

// name: curationDecide
// Records the review decision on the candidate.
MATCH (c:Candidate {id: $id})
SET c += $props
RETURN properties(c) AS candidate;

// name: curationAudit
// One audit entry per change; its id is deterministic, so a retried change is recorded once.
MERGE (a:Audit {id: $id})
ON CREATE SET a += $props, a.origin = 'contrib'
RETURN properties(a) AS entry;

// name: curationFactByKey
// A fact (seeded or contributed) by its key; the key names its type and ends, so the match starts at an indexed node.
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type AND r.key = $key
RETURN properties(r) AS rel, a.id AS from, b.id AS to, type(r) AS type;

// name: curationRetract
// Retracts a fact: kept for the record, no longer current; what it superseded becomes current again.
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type AND r.key = $key
SET r.superseded = true, r.retracted = true, r.retractedReason = $reason, r.retractedBy = $curator, r.retractedAt = $now
WITH a, b, r
OPTIONAL MATCH (a)-[old]->(b)
WHERE type(old) = $type AND old.supersededBy = $key AND coalesce(old.retracted, false) = false
SET old.superseded = false, old.supersededBy = null, old.supersededAt = null
RETURN properties(r) AS rel, count(old) AS restored;

// name: curationHistory
// Every statement (current, superseded, retracted) of each type between each pair of ends, oldest first.
UNWIND $items AS item
MATCH (a:Entity {id: item.from})-[r]->(b:Entity {id: item.to})
WHERE type(r) = item.type
OPTIONAL MATCH (d:Document {id: head(r.evDocs)})
WITH item, r, coalesce(r.asOf, d.date, '') AS asOf
ORDER BY asOf, r.key
RETURN item.from + '|' + item.to + '|' + item.type AS id, collect({props: properties(r), asOf: asOf}) AS statements;

// name: curationAuditLog
// Changes, newest first, optionally of one curator and since a time; one page plus the total.
MATCH (a:Audit)
WHERE ($curator IS NULL OR a.curator = $curator) AND ($since IS NULL OR a.at >= $since)
WITH a ORDER BY a.at DESC, a.id
WITH collect(properties(a)) AS rows
RETURN size(rows) AS total, rows[$offset..($offset + $first)] AS page;

// name: curationCounts
// Counts of every node and relationship, and of the contributed layer, for proving a refusal wrote nothing.
CALL () { MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (n) WHERE n.origin = 'contrib' RETURN count(n) AS contribNodes }
CALL () { MATCH ()-[r]->() WHERE r.origin = 'contrib' RETURN count(r) AS contribRelationships }
CALL () { MATCH ()-[r]->() WHERE r.superseded = true RETURN count(r) AS notCurrent }
RETURN nodes, relationships, contribNodes, contribRelationships, notCurrent;
