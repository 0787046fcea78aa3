/**
 * The operations of the What changed page, which read the framework's history, and the shapes of
 * their answers (generated like those of queries.ts, which holds the rest).
 */
import type {
  ExplorerChangesQuery,
  ExplorerChangesQueryVariables,
  ExplorerVersionLevelsQuery,
  ExplorerVersionLevelsQueryVariables,
  ExplorerVersionsQuery,
  ExplorerVersionsQueryVariables,
} from './generated/operations.js';
// without the .js the rest of the client writes: the server requires this module too (its known
// operations), as CommonJS, where './queries.js' names no file until the build has written one
import { graphql, LEVEL_DIFF_FIELDS } from './queries';

export const VERSIONS = graphql<ExplorerVersionsQuery, ExplorerVersionsQueryVariables>`
  query ExplorerVersions {
    versions(limit: 100) {
      id
      shortId
      tags
      committedAt
      subject
    }
  }
`;

export const CHANGES = graphql<ExplorerChangesQuery, ExplorerChangesQueryVariables>`
  query ExplorerChanges($since: String!, $until: String) {
    changes(since: $since, until: $until) {
      since {
        shortId
        tags
        committedAt
      }
      until {
        shortId
        tags
        committedAt
      }
      addedLevels {
        ...ChangedLevel
      }
      removedLevels {
        ...ChangedLevel
      }
      changedLevels {
        ...LevelDiffView
      }
    }
  }
  fragment ChangedLevel on Level {
    id
    code
    title
    track {
      id
      name
    }
  }
  ${LEVEL_DIFF_FIELDS}
`;

/** The levels of one version: the first version has no earlier one, so the changes page lists them all as added. */
export const VERSION_LEVELS = graphql<ExplorerVersionLevelsQuery, ExplorerVersionLevelsQueryVariables>`
  query ExplorerVersionLevels($ref: String!) {
    version(ref: $ref) {
      shortId
      tags
      committedAt
      framework {
        tracks {
          levels {
            id
            code
            title
            track {
              id
              name
            }
          }
        }
      }
    }
  }
`;

export type VersionsResult = ExplorerVersionsQuery;
export type VersionSummary = VersionsResult['versions'][number];

export type ChangesResult = ExplorerChangesQuery;
export type FrameworkChanges = ChangesResult['changes'];
export type ChangedLevel = FrameworkChanges['addedLevels'][number];
export type VersionLevelsResult = ExplorerVersionLevelsQuery;
