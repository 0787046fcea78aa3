/**
 * A track as a 1EdTech CASE 1.1 package: the track is a CFDocument; its levels, their competencies
 * and their expectations are CFItems joined by `isChildOf`; levels follow each other by `precedes`;
 * a grown expectation is `replacedBy` its grown form (the readers' rule, src/domain/expected.ts);
 * and the competency matrix is a CFRubric whose criteria are the competencies and whose criterion
 * levels are the track's levels.
 */
import type { Level, Track } from '../../domain/entities';
import { expectedAt } from '../../domain/expected';
import type { Framework } from '../../domain/framework';
import { competencyMatrix } from '../../domain/matrix';
import { caseId, initials } from './identifiers';

/** What every object of a package shares: where it is served and which version it was made from. */
export interface CaseContext {
  /** The server's origin and the binding's base path, e.g. `https://host/ims/case/v1p1`. */
  readonly base: string;
  /** When the served content last changed: its commit's time, or when it was loaded. */
  readonly changedAt: Date;
  /** The served commit's short id (with its tags), or the content hash outside git. */
  readonly version: string;
  readonly drafts: boolean;
}

type Json = Record<string, unknown>;

export interface CasePackage {
  readonly CFDocument: Json;
  readonly CFItems: Json[];
  readonly CFAssociations: Json[];
  readonly CFRubrics: Json[];
}

const link = (title: string, identifier: string, uri: string) => ({ title, identifier, uri });

/** The tracks a caller sees as CFDocuments: those with a level it may see. */
export function caseTracks(framework: Framework, drafts: boolean): Track[] {
  return framework.tracks.filter((t) => framework.visibleLevels(t, drafts).length > 0);
}

export function cfDocument(track: Track, ctx: CaseContext): Json {
  const identifier = caseId('document', track.id);
  return {
    identifier,
    uri: `${ctx.base}/CFDocuments/${identifier}`,
    frameworkType: 'Career framework',
    caseVersion: '1.1',
    creator: 'career-framework-api',
    title: track.name,
    lastChangeDateTime: ctx.changedAt.toISOString(),
    ...(track.description ? { description: track.description } : {}),
    version: ctx.version,
    language: 'en',
    adoptionStatus: 'Adopted',
    notes: `Levels build on each other: ${track.progression}.`,
  };
}

/** The whole package of one track, as the caller may see it. */
export function casePackage(framework: Framework, track: Track, ctx: CaseContext): CasePackage {
  const document = cfDocument(track, ctx);
  const documentLink = link(track.name, document.identifier as string, document.uri as string);
  const changed = ctx.changedAt.toISOString();
  const items: Json[] = [];
  const associations: Json[] = [];
  const links = new Map<string, ReturnType<typeof link>>();
  const item = (kind: string, id: string, fields: Json): ReturnType<typeof link> => {
    const identifier = caseId(kind, id);
    const uri = `${ctx.base}/CFItems/${identifier}`;
    items.push({ identifier, uri, lastChangeDateTime: changed, language: 'en', ...fields });
    const made = link(String(fields.abbreviatedStatement ?? fields.fullStatement), identifier, uri);
    links.set(id, made);
    return made;
  };
  const associate = (
    type: string,
    origin: ReturnType<typeof link>,
    destination: ReturnType<typeof link>,
    sequenceNumber?: number,
  ) => {
    const identifier = caseId(type, `${origin.identifier}>${destination.identifier}`);
    associations.push({
      identifier,
      associationType: type,
      uri: `${ctx.base}/CFAssociations/${identifier}`,
      originNodeURI: origin,
      destinationNodeURI: destination,
      lastChangeDateTime: changed,
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    });
  };

  const trackCode = initials(track.id.replace(/-/g, ' '), new Set());
  const levels = framework.visibleLevels(track, ctx.drafts);
  let previous: ReturnType<typeof link> | null = null;
  levels.forEach((level, index) => {
    const levelCode = `${trackCode}.${level.code}`;
    const levelLink = item('level', level.id, {
      fullStatement: level.summary ? `${level.title}: ${level.summary}` : level.title,
      abbreviatedStatement: `${level.code}: ${level.title}`,
      humanCodingScheme: levelCode,
      CFItemType: 'Level',
      listEnumeration: String(index + 1),
      notes: attributesNote(level),
    });
    associate('isChildOf', levelLink, documentLink, index + 1);
    if (previous) associate('precedes', previous, levelLink);
    previous = levelLink;
    const taken = new Set<string>();
    level.competencies.forEach((competency, c) => {
      const competencyCode = `${levelCode}.${initials(competency.name, taken)}`;
      const competencyLink = item('competency', competency.id, {
        fullStatement: competency.name,
        humanCodingScheme: competencyCode,
        CFItemType: 'Competency',
        listEnumeration: String(c + 1),
      });
      associate('isChildOf', competencyLink, levelLink, c + 1);
      competency.expectations.forEach((expectation, e) => {
        const expectationLink = item('expectation', expectation.id, {
          fullStatement: expectation.text,
          humanCodingScheme: `${competencyCode}.${e + 1}`,
          CFItemType: 'Expectation',
          listEnumeration: String(e + 1),
        });
        associate('isChildOf', expectationLink, competencyLink, e + 1);
      });
    });
  });
  // a grown expectation replaces the nearest form it grew from, as the readers' rule pairs them
  for (const level of levels) {
    for (const held of expectedAt(framework, level)) {
      if (held.statedAt !== level || held.grownFrom.length === 0) continue;
      const from = links.get(held.grownFrom[0]!.id);
      const to = links.get(held.expectation.id);
      if (from && to) associate('replacedBy', from, to);
    }
  }
  return {
    CFDocument: document,
    CFItems: items,
    CFAssociations: associations,
    CFRubrics: [rubric(framework, track, ctx)],
  };
}

function attributesNote(level: Level): string {
  return level.attributes.map((a) => `${a.label}: ${a.value}`).join('; ');
}

/** The competency matrix as a rubric: a criterion per competency, a criterion level per track level. */
function rubric(framework: Framework, track: Track, ctx: CaseContext): Json {
  const matrix = competencyMatrix(framework, track, ctx.drafts);
  const identifier = caseId('rubric', track.id);
  const changed = ctx.changedAt.toISOString();
  return {
    identifier,
    uri: `${ctx.base}/CFRubrics/${identifier}`,
    title: `${track.name}: competency matrix`,
    description:
      'Each criterion is a competency; each of its levels is what a level of the track writes for it.',
    lastChangeDateTime: changed,
    CFRubricCriteria: matrix.rows.map((row, r) => {
      const criterion = caseId('criterion', `${track.id}/${row.slug}`);
      return {
        identifier: criterion,
        uri: `${ctx.base}/CFRubricCriteria/${criterion}`,
        category: row.name,
        description: row.name,
        position: r + 1,
        rubricId: identifier,
        lastChangeDateTime: changed,
        CFRubricCriterionLevels: matrix.levels.map((level, l) => {
          const cell = row.cells[l];
          const levelId = caseId('criterion-level', `${track.id}/${row.slug}/${level.code}`);
          return {
            identifier: levelId,
            uri: `${ctx.base}/CFRubricCriterionLevels/${levelId}`,
            quality: `${level.code}: ${level.title}`,
            description: cell ? cell.expectations.map((e) => e.text).join('\n') : '',
            position: l + 1,
            rubricCriterionId: criterion,
            lastChangeDateTime: changed,
          };
        }),
      };
    }),
  };
}
