/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment Ref on Entity {\n    id\n    kind\n    name\n    nameEn\n  }\n": typeof types.RefFragmentDoc,
    "\n  fragment Sources on Evidence {\n    quote\n    note\n    document {\n      title\n    }\n  }\n": typeof types.SourcesFragmentDoc,
    "\n  fragment EdgeFacts on Edge {\n    type\n    from\n    to\n    role\n    status\n    capacity\n    unit\n    amount\n    amountUnit\n    label\n    labelZh\n    output\n    sources {\n      ...Sources\n    }\n  }\n": typeof types.EdgeFactsFragmentDoc,
    "\n  fragment FactFields on Fact {\n    label\n    labelZh\n    measure\n    amount\n    unit\n    period\n    status\n    source {\n      ...Sources\n    }\n  }\n": typeof types.FactFieldsFragmentDoc,
    "\n  fragment Statement on Edge {\n    id\n    origin\n    current\n    retracted\n    capacity\n    unit\n    amount\n    status\n    asOf\n    reviewedBy\n  }\n": typeof types.StatementFragmentDoc,
    "\n  fragment ProductionFields on Production {\n    producer {\n      ...Ref\n    }\n    place {\n      ...Ref\n    }\n    siteNotStated\n    measure\n    capacity\n    output\n    unit\n    status\n    asOf\n    origin\n    sources {\n      ...Sources\n    }\n  }\n": typeof types.ProductionFieldsFragmentDoc,
    "\n  fragment PlaceRef on Place {\n    ...Ref\n    placeKind\n  }\n": typeof types.PlaceRefFragmentDoc,
    "\n  query Suggest($text: String!, $kinds: [EntityKind!], $first: Int, $after: String) {\n    search(text: $text, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...Ref\n          aliases\n        }\n      }\n    }\n  }\n": typeof types.SuggestDocument,
    "\n  query Centre($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n    }\n  }\n": typeof types.CentreDocument,
    "\n  query Name($name: String!, $kind: EntityKind) {\n    lookup(name: $name, kind: $kind) {\n      ...Ref\n    }\n  }\n": typeof types.NameDocument,
    "\n  query Bases {\n    industrialBases {\n      ...Ref\n      sixBases\n      places {\n        ...Ref\n      }\n    }\n  }\n": typeof types.BasesDocument,
    "\n  query Chain($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    fromProduct: lookup(name: $from, kind: PRODUCT) {\n      ...Ref\n    }\n    toProduct: lookup(name: $to, kind: PRODUCT) {\n      ...Ref\n    }\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          ...Ref\n        }\n        inputs {\n          id\n        }\n        producers {\n          ...ProductionFields\n        }\n      }\n    }\n    local: supplyChain(from: $from, to: $to, within: $place) @include(if: $withPlace) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          status\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        ...ProductionFields\n      }\n    }\n    placeEntity: lookup(name: $place, kind: PLACE) @include(if: $withPlace) {\n      ...Ref\n    }\n  }\n": typeof types.ChainDocument,
    "\n  query ChainHistory($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          history {\n            ...Statement\n          }\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        producer {\n          id\n        }\n        place {\n          id\n        }\n        history {\n          ...Statement\n        }\n      }\n    }\n  }\n": typeof types.ChainHistoryDocument,
    "\n  query Entity($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      relations {\n        type\n        role\n        status\n        capacity\n        output\n        unit\n        amount\n        amountUnit\n        label\n        labelZh\n        origin\n        history {\n          ...Statement\n        }\n        fromEntity {\n          ...Ref\n        }\n        toEntity {\n          ...Ref\n        }\n        sources {\n          ...Sources\n        }\n      }\n      ... on Place {\n        placeKind\n      }\n      ... on Policy {\n        status\n      }\n      ... on Project {\n        status\n        investment {\n          amount\n          unit\n        }\n        annualOutput {\n          amount\n          unit\n        }\n      }\n    }\n  }\n": typeof types.EntityDocument,
    "\n  query PlaceView($name: String!, $sub: Boolean!) {\n    lookup(name: $name, kind: PLACE) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      ... on Place {\n        placeKind\n        code\n        ancestors {\n          ...PlaceRef\n        }\n        children {\n          ...PlaceRef\n        }\n        bases {\n          ...Ref\n        }\n        industries {\n          industry {\n            ...Ref\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    firmsIn(place: $name, includeSubareas: $sub, first: 100) {\n      totalCount\n      edges {\n        node {\n          firm {\n            ...Ref\n            origin\n          }\n          place {\n            ...PlaceRef\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    projects(in: $name, includeSubareas: $sub) {\n      ...Ref\n      origin\n      status\n      place {\n        ...Ref\n      }\n      investment {\n        amount\n        unit\n      }\n      annualOutput {\n        amount\n        unit\n      }\n      facts {\n        ...FactFields\n      }\n      sources {\n        ...Sources\n      }\n    }\n    policies(concerning: $name) {\n      policy {\n        ...Ref\n        status\n      }\n      via {\n        ...Ref\n      }\n      inherited\n      sources {\n        ...Sources\n      }\n    }\n  }\n": typeof types.PlaceViewDocument,
    "\n  query PathView($from: String!, $to: String!, $maxHops: Int!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n    path(from: $from, to: $to, maxHops: $maxHops) {\n      length\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n": typeof types.PathViewDocument,
    "\n  query PathNames($from: String!, $to: String!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n  }\n": typeof types.PathNamesDocument,
    "\n  query Neighbourhood($id: ID!, $depth: Int!, $limit: Int!) {\n    neighborhood(id: $id, depth: $depth, limit: $limit) {\n      totalNodes\n      truncated\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n": typeof types.NeighbourhoodDocument,
    "\n  fragment CandidateFields on Candidate {\n    id\n    kind\n    state\n    start\n    end\n    name\n    entityKind\n    match {\n      ...Ref\n    }\n    matches {\n      ...Ref\n    }\n    mentions {\n      quote\n      start\n      end\n    }\n    relationType\n    from\n    to\n    capacity\n    unit\n    amount\n    currency\n    status\n    quote\n    resolvedEntity {\n      ...Ref\n    }\n    fact {\n      id\n      from\n      to\n    }\n  }\n": typeof types.CandidateFieldsFragmentDoc,
    "\n  mutation Ingest($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      document {\n        id\n      }\n    }\n  }\n": typeof types.IngestDocument,
    "\n  mutation Review($id: ID!, $decision: ReviewDecision!, $edit: CandidateEdit) {\n    reviewCandidate(id: $id, decision: $decision, edit: $edit) {\n      candidate {\n        id\n        state\n      }\n    }\n  }\n": typeof types.ReviewDocument,
    "\n  query Doc($id: ID!, $d: ID) {\n    document(id: $id) {\n      id\n      title\n      text\n    }\n    pending: reviewQueue(document: $d, state: PENDING, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    accepted: reviewQueue(document: $d, state: ACCEPTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    rejected: reviewQueue(document: $d, state: REJECTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n  }\n": typeof types.DocDocument,
};
const documents: Documents = {
    "\n  fragment Ref on Entity {\n    id\n    kind\n    name\n    nameEn\n  }\n": types.RefFragmentDoc,
    "\n  fragment Sources on Evidence {\n    quote\n    note\n    document {\n      title\n    }\n  }\n": types.SourcesFragmentDoc,
    "\n  fragment EdgeFacts on Edge {\n    type\n    from\n    to\n    role\n    status\n    capacity\n    unit\n    amount\n    amountUnit\n    label\n    labelZh\n    output\n    sources {\n      ...Sources\n    }\n  }\n": types.EdgeFactsFragmentDoc,
    "\n  fragment FactFields on Fact {\n    label\n    labelZh\n    measure\n    amount\n    unit\n    period\n    status\n    source {\n      ...Sources\n    }\n  }\n": types.FactFieldsFragmentDoc,
    "\n  fragment Statement on Edge {\n    id\n    origin\n    current\n    retracted\n    capacity\n    unit\n    amount\n    status\n    asOf\n    reviewedBy\n  }\n": types.StatementFragmentDoc,
    "\n  fragment ProductionFields on Production {\n    producer {\n      ...Ref\n    }\n    place {\n      ...Ref\n    }\n    siteNotStated\n    measure\n    capacity\n    output\n    unit\n    status\n    asOf\n    origin\n    sources {\n      ...Sources\n    }\n  }\n": types.ProductionFieldsFragmentDoc,
    "\n  fragment PlaceRef on Place {\n    ...Ref\n    placeKind\n  }\n": types.PlaceRefFragmentDoc,
    "\n  query Suggest($text: String!, $kinds: [EntityKind!], $first: Int, $after: String) {\n    search(text: $text, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...Ref\n          aliases\n        }\n      }\n    }\n  }\n": types.SuggestDocument,
    "\n  query Centre($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n    }\n  }\n": types.CentreDocument,
    "\n  query Name($name: String!, $kind: EntityKind) {\n    lookup(name: $name, kind: $kind) {\n      ...Ref\n    }\n  }\n": types.NameDocument,
    "\n  query Bases {\n    industrialBases {\n      ...Ref\n      sixBases\n      places {\n        ...Ref\n      }\n    }\n  }\n": types.BasesDocument,
    "\n  query Chain($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    fromProduct: lookup(name: $from, kind: PRODUCT) {\n      ...Ref\n    }\n    toProduct: lookup(name: $to, kind: PRODUCT) {\n      ...Ref\n    }\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          ...Ref\n        }\n        inputs {\n          id\n        }\n        producers {\n          ...ProductionFields\n        }\n      }\n    }\n    local: supplyChain(from: $from, to: $to, within: $place) @include(if: $withPlace) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          status\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        ...ProductionFields\n      }\n    }\n    placeEntity: lookup(name: $place, kind: PLACE) @include(if: $withPlace) {\n      ...Ref\n    }\n  }\n": types.ChainDocument,
    "\n  query ChainHistory($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          history {\n            ...Statement\n          }\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        producer {\n          id\n        }\n        place {\n          id\n        }\n        history {\n          ...Statement\n        }\n      }\n    }\n  }\n": types.ChainHistoryDocument,
    "\n  query Entity($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      relations {\n        type\n        role\n        status\n        capacity\n        output\n        unit\n        amount\n        amountUnit\n        label\n        labelZh\n        origin\n        history {\n          ...Statement\n        }\n        fromEntity {\n          ...Ref\n        }\n        toEntity {\n          ...Ref\n        }\n        sources {\n          ...Sources\n        }\n      }\n      ... on Place {\n        placeKind\n      }\n      ... on Policy {\n        status\n      }\n      ... on Project {\n        status\n        investment {\n          amount\n          unit\n        }\n        annualOutput {\n          amount\n          unit\n        }\n      }\n    }\n  }\n": types.EntityDocument,
    "\n  query PlaceView($name: String!, $sub: Boolean!) {\n    lookup(name: $name, kind: PLACE) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      ... on Place {\n        placeKind\n        code\n        ancestors {\n          ...PlaceRef\n        }\n        children {\n          ...PlaceRef\n        }\n        bases {\n          ...Ref\n        }\n        industries {\n          industry {\n            ...Ref\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    firmsIn(place: $name, includeSubareas: $sub, first: 100) {\n      totalCount\n      edges {\n        node {\n          firm {\n            ...Ref\n            origin\n          }\n          place {\n            ...PlaceRef\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    projects(in: $name, includeSubareas: $sub) {\n      ...Ref\n      origin\n      status\n      place {\n        ...Ref\n      }\n      investment {\n        amount\n        unit\n      }\n      annualOutput {\n        amount\n        unit\n      }\n      facts {\n        ...FactFields\n      }\n      sources {\n        ...Sources\n      }\n    }\n    policies(concerning: $name) {\n      policy {\n        ...Ref\n        status\n      }\n      via {\n        ...Ref\n      }\n      inherited\n      sources {\n        ...Sources\n      }\n    }\n  }\n": types.PlaceViewDocument,
    "\n  query PathView($from: String!, $to: String!, $maxHops: Int!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n    path(from: $from, to: $to, maxHops: $maxHops) {\n      length\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n": types.PathViewDocument,
    "\n  query PathNames($from: String!, $to: String!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n  }\n": types.PathNamesDocument,
    "\n  query Neighbourhood($id: ID!, $depth: Int!, $limit: Int!) {\n    neighborhood(id: $id, depth: $depth, limit: $limit) {\n      totalNodes\n      truncated\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n": types.NeighbourhoodDocument,
    "\n  fragment CandidateFields on Candidate {\n    id\n    kind\n    state\n    start\n    end\n    name\n    entityKind\n    match {\n      ...Ref\n    }\n    matches {\n      ...Ref\n    }\n    mentions {\n      quote\n      start\n      end\n    }\n    relationType\n    from\n    to\n    capacity\n    unit\n    amount\n    currency\n    status\n    quote\n    resolvedEntity {\n      ...Ref\n    }\n    fact {\n      id\n      from\n      to\n    }\n  }\n": types.CandidateFieldsFragmentDoc,
    "\n  mutation Ingest($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      document {\n        id\n      }\n    }\n  }\n": types.IngestDocument,
    "\n  mutation Review($id: ID!, $decision: ReviewDecision!, $edit: CandidateEdit) {\n    reviewCandidate(id: $id, decision: $decision, edit: $edit) {\n      candidate {\n        id\n        state\n      }\n    }\n  }\n": types.ReviewDocument,
    "\n  query Doc($id: ID!, $d: ID) {\n    document(id: $id) {\n      id\n      title\n      text\n    }\n    pending: reviewQueue(document: $d, state: PENDING, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    accepted: reviewQueue(document: $d, state: ACCEPTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    rejected: reviewQueue(document: $d, state: REJECTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n  }\n": types.DocDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Ref on Entity {\n    id\n    kind\n    name\n    nameEn\n  }\n"): typeof import('./graphql.js').RefFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Sources on Evidence {\n    quote\n    note\n    document {\n      title\n    }\n  }\n"): typeof import('./graphql.js').SourcesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EdgeFacts on Edge {\n    type\n    from\n    to\n    role\n    status\n    capacity\n    unit\n    amount\n    amountUnit\n    label\n    labelZh\n    output\n    sources {\n      ...Sources\n    }\n  }\n"): typeof import('./graphql.js').EdgeFactsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FactFields on Fact {\n    label\n    labelZh\n    measure\n    amount\n    unit\n    period\n    status\n    source {\n      ...Sources\n    }\n  }\n"): typeof import('./graphql.js').FactFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Statement on Edge {\n    id\n    origin\n    current\n    retracted\n    capacity\n    unit\n    amount\n    status\n    asOf\n    reviewedBy\n  }\n"): typeof import('./graphql.js').StatementFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductionFields on Production {\n    producer {\n      ...Ref\n    }\n    place {\n      ...Ref\n    }\n    siteNotStated\n    measure\n    capacity\n    output\n    unit\n    status\n    asOf\n    origin\n    sources {\n      ...Sources\n    }\n  }\n"): typeof import('./graphql.js').ProductionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlaceRef on Place {\n    ...Ref\n    placeKind\n  }\n"): typeof import('./graphql.js').PlaceRefFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggest($text: String!, $kinds: [EntityKind!], $first: Int, $after: String) {\n    search(text: $text, kinds: $kinds, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...Ref\n          aliases\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').SuggestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Centre($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n    }\n  }\n"): typeof import('./graphql.js').CentreDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Name($name: String!, $kind: EntityKind) {\n    lookup(name: $name, kind: $kind) {\n      ...Ref\n    }\n  }\n"): typeof import('./graphql.js').NameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bases {\n    industrialBases {\n      ...Ref\n      sixBases\n      places {\n        ...Ref\n      }\n    }\n  }\n"): typeof import('./graphql.js').BasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Chain($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    fromProduct: lookup(name: $from, kind: PRODUCT) {\n      ...Ref\n    }\n    toProduct: lookup(name: $to, kind: PRODUCT) {\n      ...Ref\n    }\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          ...Ref\n        }\n        inputs {\n          id\n        }\n        producers {\n          ...ProductionFields\n        }\n      }\n    }\n    local: supplyChain(from: $from, to: $to, within: $place) @include(if: $withPlace) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          status\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        ...ProductionFields\n      }\n    }\n    placeEntity: lookup(name: $place, kind: PLACE) @include(if: $withPlace) {\n      ...Ref\n    }\n  }\n"): typeof import('./graphql.js').ChainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChainHistory($from: String!, $to: String!, $place: String!, $withPlace: Boolean!) {\n    supplyChain(from: $from, to: $to) {\n      steps {\n        product {\n          id\n        }\n        producers {\n          producer {\n            id\n          }\n          place {\n            id\n          }\n          history {\n            ...Statement\n          }\n        }\n      }\n    }\n    chainGaps(place: $place, from: $from, to: $to) @include(if: $withPlace) {\n      product {\n        id\n      }\n      candidates {\n        producer {\n          id\n        }\n        place {\n          id\n        }\n        history {\n          ...Statement\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ChainHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Entity($name: String!) {\n    lookup(name: $name) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      relations {\n        type\n        role\n        status\n        capacity\n        output\n        unit\n        amount\n        amountUnit\n        label\n        labelZh\n        origin\n        history {\n          ...Statement\n        }\n        fromEntity {\n          ...Ref\n        }\n        toEntity {\n          ...Ref\n        }\n        sources {\n          ...Sources\n        }\n      }\n      ... on Place {\n        placeKind\n      }\n      ... on Policy {\n        status\n      }\n      ... on Project {\n        status\n        investment {\n          amount\n          unit\n        }\n        annualOutput {\n          amount\n          unit\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').EntityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaceView($name: String!, $sub: Boolean!) {\n    lookup(name: $name, kind: PLACE) {\n      ...Ref\n      aliases\n      description\n      descriptionZh\n      sources {\n        ...Sources\n      }\n      facts {\n        ...FactFields\n      }\n      ... on Place {\n        placeKind\n        code\n        ancestors {\n          ...PlaceRef\n        }\n        children {\n          ...PlaceRef\n        }\n        bases {\n          ...Ref\n        }\n        industries {\n          industry {\n            ...Ref\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    firmsIn(place: $name, includeSubareas: $sub, first: 100) {\n      totalCount\n      edges {\n        node {\n          firm {\n            ...Ref\n            origin\n          }\n          place {\n            ...PlaceRef\n          }\n          role\n          status\n          sources {\n            ...Sources\n          }\n        }\n      }\n    }\n    projects(in: $name, includeSubareas: $sub) {\n      ...Ref\n      origin\n      status\n      place {\n        ...Ref\n      }\n      investment {\n        amount\n        unit\n      }\n      annualOutput {\n        amount\n        unit\n      }\n      facts {\n        ...FactFields\n      }\n      sources {\n        ...Sources\n      }\n    }\n    policies(concerning: $name) {\n      policy {\n        ...Ref\n        status\n      }\n      via {\n        ...Ref\n      }\n      inherited\n      sources {\n        ...Sources\n      }\n    }\n  }\n"): typeof import('./graphql.js').PlaceViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PathView($from: String!, $to: String!, $maxHops: Int!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n    path(from: $from, to: $to, maxHops: $maxHops) {\n      length\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n"): typeof import('./graphql.js').PathViewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PathNames($from: String!, $to: String!) {\n    fromEntity: lookup(name: $from) {\n      ...Ref\n    }\n    toEntity: lookup(name: $to) {\n      ...Ref\n    }\n  }\n"): typeof import('./graphql.js').PathNamesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Neighbourhood($id: ID!, $depth: Int!, $limit: Int!) {\n    neighborhood(id: $id, depth: $depth, limit: $limit) {\n      totalNodes\n      truncated\n      nodes {\n        ...Ref\n      }\n      edges {\n        ...EdgeFacts\n      }\n    }\n  }\n"): typeof import('./graphql.js').NeighbourhoodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CandidateFields on Candidate {\n    id\n    kind\n    state\n    start\n    end\n    name\n    entityKind\n    match {\n      ...Ref\n    }\n    matches {\n      ...Ref\n    }\n    mentions {\n      quote\n      start\n      end\n    }\n    relationType\n    from\n    to\n    capacity\n    unit\n    amount\n    currency\n    status\n    quote\n    resolvedEntity {\n      ...Ref\n    }\n    fact {\n      id\n      from\n      to\n    }\n  }\n"): typeof import('./graphql.js').CandidateFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Ingest($input: IngestDocumentInput!) {\n    ingestDocument(input: $input) {\n      document {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').IngestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Review($id: ID!, $decision: ReviewDecision!, $edit: CandidateEdit) {\n    reviewCandidate(id: $id, decision: $decision, edit: $edit) {\n      candidate {\n        id\n        state\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Doc($id: ID!, $d: ID) {\n    document(id: $id) {\n      id\n      title\n      text\n    }\n    pending: reviewQueue(document: $d, state: PENDING, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    accepted: reviewQueue(document: $d, state: ACCEPTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n    rejected: reviewQueue(document: $d, state: REJECTED, first: 100) {\n      edges {\n        node {\n          ...CandidateFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DocDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
