/**
 * The operations the explorer sends, and the shapes of their answers. The answers' types are
 * generated from these strings and schema.graphql by `npm run codegen` (generated/operations.ts);
 * the names below are the ones the views use. The What changed page's, which read the history, are
 * in history-queries.ts.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type {
  ChangeFragment,
  ExplorerChecklistQuery,
  ExplorerChecklistQueryVariables,
  ExplorerDiffQuery,
  ExplorerDiffQueryVariables,
  ExplorerLevelQuery,
  ExplorerLevelQueryVariables,
  ExplorerMatrixQuery,
  ExplorerMatrixQueryVariables,
  ExplorerSearchQuery,
  ExplorerSearchQueryVariables,
  ExplorerTracksQuery,
  ExplorerTracksQueryVariables,
} from './generated/operations.js';

export type { ChangeStatus, SegmentKind } from './generated/operations.js';

/**
 * An operation's text, still a plain string at run time (the browser sends it as it is), that
 * carries its result and variables types the way typed document nodes do.
 */
export type TypedQuery<Result, Variables> = string & DocumentTypeDecoration<Result, Variables>;

/**
 * Tags an operation with its generated types; at run time the text is returned as it is. The tag's
 * name is what codegen looks for: each `graphql` template below is read as a document.
 */
export function graphql<Result, Variables>(
  text: TemplateStringsArray,
  ...fragments: readonly string[]
): TypedQuery<Result, Variables> {
  return text.reduce((all, part, i) => all + part + (fragments[i] ?? ''), '') as TypedQuery<
    Result,
    Variables
  >;
}

export const TRACKS = graphql<ExplorerTracksQuery, ExplorerTracksQueryVariables>`
  query ExplorerTracks {
    tracks {
      id
      name
      description
      levels {
        id
        code
        title
      }
    }
  }
`;

export const LEVEL = graphql<ExplorerLevelQuery, ExplorerLevelQueryVariables>`
  query ExplorerLevel($id: ID!) {
    level(id: $id) {
      id
      code
      title
      summary
      status
      track {
        id
        name
      }
      attributes {
        key
        label
        value
      }
      competencies {
        slug
        name
        emoji
        expectations {
          id
          text
        }
        examples {
          id
          text
        }
      }
      previous {
        id
        code
        title
      }
      next {
        id
        code
        title
      }
      lastChange {
        version {
          shortId
          tags
          committedAt
        }
        since {
          shortId
          tags
        }
        from {
          id
        }
      }
    }
  }
`;

/** A diff of two levels as the diff view draws it: the compare page and the changes page share it. */
export const LEVEL_DIFF_FIELDS = graphql<never, never>`
  fragment LevelDiffView on LevelDiff {
    from {
      id
      code
      title
      track {
        id
        name
        progression
      }
    }
    to {
      id
      code
      title
      track {
        id
        name
        progression
      }
    }
    summary {
      added
      removed
      changed
      unchanged
    }
    attributes {
      key
      label
      from
      to
      status
    }
    competencies {
      slug
      name
      emoji
      status
      summary {
        added
        removed
        changed
        unchanged
      }
      expectations {
        ...Change
      }
      examples {
        ...Change
      }
    }
  }
  fragment Change on TextChange {
    status
    from
    to
    segments {
      kind
      text
    }
  }
`;

// $authoring: the editors' view shows authors where the 'to' level does not visibly grow. The client
// sends documents on one line, so a GraphQL # comment in them would swallow the rest of the query.
export const DIFF = graphql<ExplorerDiffQuery, ExplorerDiffQueryVariables>`
  query ExplorerDiff($from: ID!, $to: ID!, $basis: DiffBasis = EXPECTED, $authoring: Boolean = false) {
    diffLevels(from: $from, to: $to, basis: $basis) {
      ...LevelDiffView
      to {
        progressionWarnings @include(if: $authoring) {
          code
          message
          location {
            path
            line
          }
        }
      }
    }
  }
  ${LEVEL_DIFF_FIELDS}
`;

/** The step checklist: the 'to' level's new and grown expectations, and the framework they come from. */
export const CHECKLIST = graphql<ExplorerChecklistQuery, ExplorerChecklistQueryVariables>`
  query ExplorerChecklist($from: ID!, $to: ID!) {
    stepChecklist(from: $from, to: $to) {
      from {
        id
        code
        title
        track {
          id
          name
        }
      }
      to {
        id
        code
        title
        track {
          id
          name
        }
      }
      framework {
        version
        commit {
          id
          shortId
          tags
          committedAt
        }
      }
      items {
        status
        competency {
          slug
          name
          emoji
        }
        expectation {
          id
          text
        }
        grownFrom
        segments {
          kind
          text
        }
      }
    }
  }
`;

export const SEARCH = graphql<ExplorerSearchQuery, ExplorerSearchQueryVariables>`
  query ExplorerSearch($query: String!, $track: ID, $limit: Int) {
    search(query: $query, track: $track, limit: $limit) {
      kind
      id
      text
      matchedTerms
      level {
        id
        code
        title
        track {
          name
        }
      }
      competency {
        slug
        name
        emoji
      }
    }
  }
`;

export const MATRIX = graphql<ExplorerMatrixQuery, ExplorerMatrixQueryVariables>`
  query ExplorerMatrix($track: ID!) {
    track(id: $track) {
      id
      name
      description
      competencyMatrix {
        levels {
          id
          code
          title
        }
        rows {
          slug
          name
          emoji
          cells {
            id
            expectations {
              id
              text
            }
            examples {
              id
              text
            }
          }
        }
      }
    }
  }
`;

export type TracksResult = ExplorerTracksQuery;
export type TrackSummary = TracksResult['tracks'][number];
/** A level as links and pickers name it. */
export type LevelRef = TrackSummary['levels'][number];

export type LevelResult = ExplorerLevelQuery;
export type LevelDetail = NonNullable<LevelResult['level']>;
export type LevelCompetency = LevelDetail['competencies'][number];
/** An expectation or an example. */
export type Item = LevelCompetency['expectations'][number];

export type DiffResult = ExplorerDiffQuery;
export type LevelDiff = DiffResult['diffLevels'];
export type DiffLevel = LevelDiff['from'];
export type Summary = LevelDiff['summary'];
export type CompetencyDiff = LevelDiff['competencies'][number];
export type TextChange = ChangeFragment;

export type ChecklistResult = ExplorerChecklistQuery;
export type StepChecklist = ChecklistResult['stepChecklist'];
export type ChecklistItem = StepChecklist['items'][number];

export type SearchResult = ExplorerSearchQuery;
export type SearchHit = SearchResult['search'][number];

export type MatrixResult = ExplorerMatrixQuery;
export type TrackMatrix = NonNullable<MatrixResult['track']>;
export type MatrixRow = TrackMatrix['competencyMatrix']['rows'][number];

export type LastChange = NonNullable<LevelDetail['lastChange']>;
