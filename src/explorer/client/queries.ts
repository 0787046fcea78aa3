/** The operations the explorer sends, and the shapes of their answers (a subset of schema.graphql). */

export type ChangeStatus = 'ADDED' | 'REMOVED' | 'CHANGED' | 'UNCHANGED';
export type SegmentKind = 'EQUAL' | 'INSERTED' | 'DELETED';

export interface LevelRef {
  readonly id: string;
  readonly code: string;
  readonly title: string;
}

export interface TrackSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly levels: readonly LevelRef[];
}

export const TRACKS = `query ExplorerTracks { tracks { id name description levels { id code title } } }`;
export interface TracksResult {
  readonly tracks: readonly TrackSummary[];
}

export interface Item {
  readonly id: string;
  readonly text: string;
}

export interface LevelCompetency {
  readonly slug: string;
  readonly name: string;
  readonly emoji: string | null;
  readonly expectations: readonly Item[];
  readonly examples: readonly Item[];
}

export interface LevelDetail extends LevelRef {
  readonly summary: string | null;
  readonly status: 'PUBLISHED' | 'DRAFT';
  readonly track: { readonly id: string; readonly name: string };
  readonly attributes: readonly { readonly key: string; readonly label: string; readonly value: string }[];
  readonly competencies: readonly LevelCompetency[];
  readonly previous: LevelRef | null;
  readonly next: LevelRef | null;
}

export const LEVEL = `query ExplorerLevel($id: ID!) {
  level(id: $id) {
    id code title summary status
    track { id name }
    attributes { key label value }
    competencies { slug name emoji expectations { id text } examples { id text } }
    previous { id code title }
    next { id code title }
  }
}`;
export interface LevelResult {
  readonly level: LevelDetail | null;
}

export interface Summary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly unchanged: number;
}

export interface TextChange {
  readonly status: ChangeStatus;
  readonly from: string | null;
  readonly to: string | null;
  readonly segments: readonly { readonly kind: SegmentKind; readonly text: string }[];
}

export interface CompetencyDiff {
  readonly slug: string;
  readonly name: string;
  readonly emoji: string | null;
  readonly status: ChangeStatus;
  readonly summary: Summary;
  readonly expectations: readonly TextChange[];
  readonly examples: readonly TextChange[];
}

export interface DiffLevel extends LevelRef {
  readonly track: { readonly id: string; readonly name: string };
}

export interface LevelDiff {
  readonly from: DiffLevel;
  readonly to: DiffLevel;
  readonly summary: Summary;
  readonly attributes: readonly {
    readonly key: string;
    readonly label: string;
    readonly from: string | null;
    readonly to: string | null;
    readonly status: ChangeStatus;
  }[];
  readonly competencies: readonly CompetencyDiff[];
}

export const DIFF = `query ExplorerDiff($from: ID!, $to: ID!) {
  diffLevels(from: $from, to: $to) {
    from { id code title track { id name } }
    to { id code title track { id name } }
    summary { added removed changed unchanged }
    attributes { key label from to status }
    competencies {
      slug name emoji status
      summary { added removed changed unchanged }
      expectations { ...Change }
      examples { ...Change }
    }
  }
}
fragment Change on TextChange { status from to segments { kind text } }`;
export interface DiffResult {
  readonly diffLevels: LevelDiff;
}

export interface SearchHit {
  readonly kind: 'LEVEL' | 'EXPECTATION' | 'EXAMPLE';
  readonly id: string;
  readonly text: string;
  readonly level: LevelRef & { readonly track: { readonly name: string } };
  readonly competency: { readonly slug: string; readonly name: string; readonly emoji: string | null } | null;
}

export const SEARCH = `query ExplorerSearch($query: String!, $track: ID, $limit: Int) {
  search(query: $query, track: $track, limit: $limit) {
    kind id text
    level { id code title track { name } }
    competency { slug name emoji }
  }
}`;
export interface SearchResult {
  readonly search: readonly SearchHit[];
}

export interface MatrixRow {
  readonly slug: string;
  readonly name: string;
  readonly emoji: string | null;
  readonly cells: readonly ({
    readonly id: string;
    readonly expectations: readonly Item[];
    readonly examples: readonly Item[];
  } | null)[];
}

export interface TrackMatrix {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly competencyMatrix: { readonly levels: readonly LevelRef[]; readonly rows: readonly MatrixRow[] };
}

export const MATRIX = `query ExplorerMatrix($track: ID!) {
  track(id: $track) {
    id name description
    competencyMatrix {
      levels { id code title }
      rows { slug name emoji cells { id expectations { id text } examples { id text } } }
    }
  }
}`;
export interface MatrixResult {
  readonly track: TrackMatrix | null;
}
