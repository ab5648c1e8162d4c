import { Q } from '../db/queries.js';
import type { GraphDb } from '../db/graph.js';
import { ExtractionModel, type Extraction } from '../ingest/extraction.js';
import { sha256Of } from '../ingest/input.js';
import { BadInputError } from '../services/errors.js';
import type { Curator } from '../auth/tokens.js';
import type { Extractor } from './extractor.js';
import { auditId, documentIdOf, entityCandidateId, relationCandidateId } from './ids.js';
import type { DocumentRow } from '../db/models.js';
import { IngestInputModel, type CandidateRow } from './model.js';
import { inTransaction } from './tx.js';

export interface IngestOutcome {
  document: DocumentRow;
  /** False when the same text had been ingested before (nothing new but candidates the extractor now finds). */
  created: boolean;
  candidates: CandidateRow[];
  /** Candidates whose quote was not the text at its offsets (a broken extraction), left out. */
  dropped: number;
}


/** A title for an article pasted without one: its first line, shortened. */
const titleFrom = (text: string) => {
  const line = text.trim().split('\n')[0].trim();
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
};

/** Candidate rows for Neo4j: flat properties (mentions as JSON), every id derived from the text's sha256. */
function candidateRows(extraction: Extraction, text: string, documentId: string) {
  const sha = extraction.document.sha256;
  const verbatim = (q: { quote: string; start: number; end: number }) => text.slice(q.start, q.end) === q.quote;
  let dropped = 0;
  const rows: { id: string; props: Record<string, unknown> }[] = [];
  for (const e of extraction.entities) {
    const mentions = e.mentions.filter(verbatim);
    if (!mentions.length) {
      dropped += 1;
      continue;
    }
    rows.push({
      id: entityCandidateId(sha, e.kind, e.name),
      props: {
        document: documentId, type: 'entity', sort: 0, start: mentions[0].start, end: mentions[0].end,
        name: e.name, kind: e.kind, match: e.match, matches: e.matches, mentionsJson: JSON.stringify(mentions),
      },
    });
  }
  for (const r of extraction.relations) {
    if (!verbatim(r)) {
      dropped += 1;
      continue;
    }
    rows.push({
      id: relationCandidateId(sha, r),
      props: {
        document: documentId, type: 'relation', sort: 1, start: r.start, end: r.end,
        relationType: r.type, from: r.from, to: r.to, fromId: r.fromId, toId: r.toId,
        capacity: r.capacity ?? null, unit: r.unit ?? null, amount: r.amount ?? null, currency: r.currency ?? null,
        status: r.status ?? null, asOf: r.asOf ?? null, quote: r.quote, confidence: r.confidence,
      },
    });
  }
  const unique = new Map(rows.map((r) => [r.id, r]));
  return { rows: [...unique.values()], dropped };
}

/**
 * Stores an article as a Document (full text, metadata, sha256) and its extraction as PENDING
 * candidates, in one transaction. The same text is the same document; candidates already reviewed
 * (rejected ones included) keep their decision, so re-ingesting never brings a rejected one back.
 */
export async function ingestDocument(db: GraphDb, extractor: Extractor, curator: Curator, input: unknown, now = new Date()): Promise<IngestOutcome> {
  const parsed = IngestInputModel.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadInputError(`input.${issue.path.join('.')}`, issue.message);
  }
  let text: string;
  try {
    text = await extractor.normalize(parsed.data.text);
  } catch (error) {
    throw new BadInputError('input.text', (error as Error).message);
  }
  const meta = { title: parsed.data.title, publisher: parsed.data.publisher, date: parsed.data.date, url: parsed.data.url };
  const extraction = ExtractionModel.parse(await extractor.extract(db, text, meta));
  const sha256 = sha256Of(text);
  if (extraction.document.sha256 !== sha256) throw new Error(`extraction names sha256 ${extraction.document.sha256}, the text has ${sha256}`);

  const known = (await db.read(Q.curationDocumentBySha, { sha256 }))[0]?.document;
  const documentId = known?.id ?? documentIdOf(sha256);
  const { rows, dropped } = candidateRows(extraction, text, documentId);
  const stamp = now.toISOString();
  return inTransaction(db, 'ingestDocument', async (run) => {
    const [doc] = await run(Q.curationDocumentCreate, {
      id: documentId,
      curator: curator.name,
      now: stamp,
      props: { sha256, text, title: meta.title ?? titleFrom(text), publisher: meta.publisher, date: meta.date, url: meta.url, chars: text.length },
    });
    await run(Q.curationCandidatesUpsert, { rows, now: stamp });
    const created = doc.created;
    if (created) {
      await run(Q.curationAudit, {
        id: auditId('ingest', documentId),
        props: { at: stamp, curator: curator.name, role: curator.role, action: 'ingest', target: documentId, document: documentId, summary: `ingested "${meta.title ?? titleFrom(text)}" (${text.length} characters, ${rows.length} candidates)` },
      });
    }
    const candidates = (await run(Q.curationCandidatesOfDocument, { document: documentId })).map((r) => r.candidate);
    return { document: doc.document, created, candidates, dropped };
  });
}
