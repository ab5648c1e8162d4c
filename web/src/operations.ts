/**
 * Every GraphQL operation the explorer sends, in one place. `npm run codegen` reads this file and
 * types each document from the SDL (src/graphql/schema/*.graphql) into web/src/generated/: `gql()`
 * answers with the generated result type, so a schema change the explorer does not follow fails
 * codegen (a field that is gone) or `tsc` (a field whose type changed).
 */
import { graphql } from './generated/gql.js';

// ---------------------------------------------------------------- fragments

export const REF = graphql(`
  fragment Ref on Entity {
    id
    kind
    name
    nameEn
  }
`);

export const SOURCES = graphql(`
  fragment Sources on Evidence {
    quote
    note
    document {
      title
    }
  }
`);

/** What every relation says about itself (the path and graph views' edges). */
export const EDGE_FACTS = graphql(`
  fragment EdgeFacts on Edge {
    type
    from
    to
    role
    status
    capacity
    unit
    amount
    amountUnit
    label
    labelZh
    output
    sources {
      ...Sources
    }
  }
`);

export const FACT_FIELDS = graphql(`
  fragment FactFields on Fact {
    label
    labelZh
    measure
    amount
    unit
    period
    status
    source {
      ...Sources
    }
  }
`);

/** One statement about a fact, as the history lists show it. */
export const STATEMENT = graphql(`
  fragment Statement on Edge {
    id
    origin
    current
    retracted
    capacity
    unit
    amount
    status
    asOf
    reviewedBy
  }
`);

export const PRODUCTION = graphql(`
  fragment ProductionFields on Production {
    producer {
      ...Ref
    }
    place {
      ...Ref
    }
    siteNotStated
    measure
    capacity
    output
    unit
    status
    asOf
    origin
    sources {
      ...Sources
    }
  }
`);

export const PLACE_REF = graphql(`
  fragment PlaceRef on Place {
    ...Ref
    placeKind
  }
`);

// ---------------------------------------------------------------- search and names

export const SEARCH = graphql(`
  query Suggest($text: String!, $kinds: [EntityKind!], $first: Int, $after: String) {
    search(text: $text, kinds: $kinds, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...Ref
          aliases
        }
      }
    }
  }
`);

/** The graph view's centre. */
export const LOOKUP = graphql(`
  query Centre($name: String!) {
    lookup(name: $name) {
      ...Ref
    }
  }
`);

/** A name in a form, shown as the entity's name when it resolves. */
export const NAME = graphql(`
  query Name($name: String!, $kind: EntityKind) {
    lookup(name: $name, kind: $kind) {
      ...Ref
    }
  }
`);

export const BASES = graphql(`
  query Bases {
    industrialBases {
      ...Ref
      sixBases
      places {
        ...Ref
      }
    }
  }
`);

// ---------------------------------------------------------------- chain

export const CHAIN = graphql(`
  query Chain($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {
    fromProduct: lookup(name: $from, kind: PRODUCT) {
      ...Ref
    }
    toProduct: lookup(name: $to, kind: PRODUCT) {
      ...Ref
    }
    supplyChain(from: $from, to: $to) {
      steps {
        product {
          ...Ref
        }
        inputs {
          id
        }
        producers {
          ...ProductionFields
        }
      }
    }
    local: supplyChain(from: $from, to: $to, within: $place) @include(if: $withPlace) {
      steps {
        product {
          id
        }
        producers {
          producer {
            id
          }
          place {
            id
          }
          status
        }
      }
    }
    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {
      product {
        id
      }
      candidates {
        ...ProductionFields
      }
    }
    placeEntity: lookup(name: $place, kind: PLACE) @include(if: $withPlace) {
      ...Ref
    }
  }
`);

/** The statements behind the chain's productions, asked for when a reader opens one's history. */
export const CHAIN_HISTORY = graphql(`
  query ChainHistory($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {
    supplyChain(from: $from, to: $to) {
      steps {
        product {
          id
        }
        producers {
          producer {
            id
          }
          place {
            id
          }
          history {
            ...Statement
          }
        }
      }
    }
    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {
      product {
        id
      }
      candidates {
        producer {
          id
        }
        place {
          id
        }
        history {
          ...Statement
        }
      }
    }
  }
`);

// ---------------------------------------------------------------- entity, place, path, graph

export const ENTITY = graphql(`
  query Entity($name: String!) {
    lookup(name: $name) {
      ...Ref
      aliases
      description
      descriptionZh
      sources {
        ...Sources
      }
      facts {
        ...FactFields
      }
      relations {
        type
        role
        status
        capacity
        output
        unit
        amount
        amountUnit
        label
        labelZh
        origin
        history {
          ...Statement
        }
        fromEntity {
          ...Ref
        }
        toEntity {
          ...Ref
        }
        sources {
          ...Sources
        }
      }
      ... on Place {
        placeKind
      }
      ... on Policy {
        status
      }
      ... on Project {
        status
        investment {
          amount
          unit
        }
        annualOutput {
          amount
          unit
        }
      }
    }
  }
`);

export const PLACE = graphql(`
  query PlaceView($name: String!, $sub: Boolean!) {
    lookup(name: $name, kind: PLACE) {
      ...Ref
      aliases
      description
      descriptionZh
      sources {
        ...Sources
      }
      facts {
        ...FactFields
      }
      ... on Place {
        placeKind
        code
        ancestors {
          ...PlaceRef
        }
        children {
          ...PlaceRef
        }
        bases {
          ...Ref
        }
        industries {
          industry {
            ...Ref
          }
          role
          status
          sources {
            ...Sources
          }
        }
      }
    }
    firmsIn(place: $name, includeSubareas: $sub, first: 100) {
      totalCount
      edges {
        node {
          firm {
            ...Ref
            origin
          }
          place {
            ...PlaceRef
          }
          role
          status
          sources {
            ...Sources
          }
        }
      }
    }
    projects(in: $name, includeSubareas: $sub) {
      ...Ref
      origin
      status
      place {
        ...Ref
      }
      investment {
        amount
        unit
      }
      annualOutput {
        amount
        unit
      }
      facts {
        ...FactFields
      }
      sources {
        ...Sources
      }
    }
    policies(concerning: $name) {
      policy {
        ...Ref
        status
      }
      via {
        ...Ref
      }
      inherited
      sources {
        ...Sources
      }
    }
  }
`);

export const PATH = graphql(`
  query PathView($from: String!, $to: String!, $maxHops: Int!) {
    fromEntity: lookup(name: $from) {
      ...Ref
    }
    toEntity: lookup(name: $to) {
      ...Ref
    }
    path(from: $from, to: $to, maxHops: $maxHops) {
      length
      nodes {
        ...Ref
      }
      edges {
        ...EdgeFacts
      }
    }
  }
`);

/** The path form's names, when the path itself failed. */
export const PATH_NAMES = graphql(`
  query PathNames($from: String!, $to: String!) {
    fromEntity: lookup(name: $from) {
      ...Ref
    }
    toEntity: lookup(name: $to) {
      ...Ref
    }
  }
`);

export const NEIGHBOURHOOD = graphql(`
  query Neighbourhood($id: ID!, $depth: Int!, $limit: Int!) {
    neighborhood(id: $id, depth: $depth, limit: $limit) {
      totalNodes
      truncated
      nodes {
        ...Ref
      }
      edges {
        ...EdgeFacts
      }
    }
  }
`);

// ---------------------------------------------------------------- curation (收录)

export const CANDIDATE = graphql(`
  fragment CandidateFields on Candidate {
    id
    kind
    state
    start
    end
    name
    entityKind
    match {
      ...Ref
    }
    matches {
      ...Ref
    }
    mentions {
      quote
      start
      end
    }
    relationType
    from
    to
    capacity
    unit
    amount
    currency
    status
    quote
    resolvedEntity {
      ...Ref
    }
    fact {
      id
      from
      to
    }
  }
`);

export const INGEST = graphql(`
  mutation Ingest($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      document {
        id
      }
    }
  }
`);

export const REVIEW = graphql(`
  mutation Review($id: ID!, $decision: ReviewDecision!, $edit: CandidateEdit) {
    reviewCandidate(id: $id, decision: $decision, edit: $edit) {
      candidate {
        id
        state
      }
    }
  }
`);

export const DOCUMENT = graphql(`
  query Doc($id: ID!, $d: ID) {
    document(id: $id) {
      id
      title
      text
    }
    pending: reviewQueue(document: $d, state: PENDING, first: 100) {
      edges {
        node {
          ...CandidateFields
        }
      }
    }
    accepted: reviewQueue(document: $d, state: ACCEPTED, first: 100) {
      edges {
        node {
          ...CandidateFields
        }
      }
    }
    rejected: reviewQueue(document: $d, state: REJECTED, first: 100) {
      edges {
        node {
          ...CandidateFields
        }
      }
    }
  }
`);
