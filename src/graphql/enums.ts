import { registerEnumType } from 'type-graphql';

// Enum values are the domain's lower-case strings, so resolvers hand domain objects through unchanged.

export enum LevelStatus {
  PUBLISHED = 'published',
  DRAFT = 'draft',
}
registerEnumType(LevelStatus, {
  name: 'LevelStatus',
  description: 'Whether a level is served by default (PUBLISHED) or only when asked for (DRAFT).',
  valuesConfig: {
    PUBLISHED: { description: 'Visible in lists, the matrix and search.' },
    DRAFT: { description: "Set with 'status: draft' in the front matter; listed only with includeDrafts." },
  },
});

export enum ChangeStatus {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
  UNCHANGED = 'unchanged',
}
registerEnumType(ChangeStatus, {
  name: 'ChangeStatus',
  description: 'How an attribute, competency or item differs between two levels.',
  valuesConfig: {
    ADDED: { description: "Only in the 'to' level." },
    REMOVED: { description: "Only in the 'from' level." },
    CHANGED: { description: 'In both, reworded.' },
    UNCHANGED: { description: 'In both, identical.' },
  },
});

export enum SegmentKind {
  EQUAL = 'equal',
  INSERTED = 'inserted',
  DELETED = 'deleted',
}
registerEnumType(SegmentKind, {
  name: 'SegmentKind',
  description: 'The part a run of words plays in a word-level diff.',
  valuesConfig: {
    EQUAL: { description: 'In both texts.' },
    INSERTED: { description: "Only in the 'to' text." },
    DELETED: { description: "Only in the 'from' text." },
  },
});

export enum SearchHitKind {
  LEVEL = 'level',
  EXPECTATION = 'expectation',
  EXAMPLE = 'example',
}
registerEnumType(SearchHitKind, {
  name: 'SearchHitKind',
  description: 'What a search hit points at.',
  valuesConfig: {
    LEVEL: { description: "A level's title or statement." },
    EXPECTATION: { description: 'An expectation of a competency.' },
    EXAMPLE: { description: 'An example of a competency.' },
  },
});

export enum LevelProgression {
  CUMULATIVE = 'cumulative',
  STANDALONE = 'standalone',
}
registerEnumType(LevelProgression, {
  name: 'LevelProgression',
  description: 'how the levels of a track build on each other, as its track.md states',
  valuesConfig: {
    CUMULATIVE: {
      description:
        'each level expects everything the levels below it do, and lists only what is new or has grown',
    },
    STANDALONE: { description: 'each level lists everything it expects' },
  },
});

// Not a domain value: named as in the schema, so its default value reads the same in every
// schema built from the printed SDL (the Federation subgraph).
export enum DiffBasis {
  EXPECTED = 'EXPECTED',
  WRITTEN = 'WRITTEN',
}
registerEnumType(DiffBasis, {
  name: 'DiffBasis',
  description:
    "Which expectations a diff compares: what each level expects, or what each level's file writes.",
  valuesConfig: {
    EXPECTED: {
      description:
        "What each level expects (Level.expected): on a cumulative track an expectation the 'to' level still expects is UNCHANGED, never REMOVED, and one it states in a grown form is CHANGED. For readers of a promotion step.",
    },
    WRITTEN: {
      description:
        "What each level's file writes, item against item: for editors checking what a file says. On a standalone track the same as EXPECTED.",
    },
  },
});
