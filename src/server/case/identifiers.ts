import { v5 } from 'uuid';

/**
 * The namespace of every CASE identifier this server makes (a v5 UUID of its own name under the URL
 * namespace). Identifiers are v5 UUIDs of an entity's id in it, so the same level, competency or
 * expectation has the same identifier on every replica and after every restart, and an importer
 * that loads a package again updates what it has instead of adding a copy.
 */
const NAMESPACE = v5('https://github.com/career-framework-api/case', v5.URL);

/** The stable UUID of one CASE object: `kind` keeps a track's document apart from its rubric. */
export function caseId(kind: string, id: string): string {
  return v5(`${kind}:${id}`, NAMESPACE);
}

/** A UUID as the binding writes them: lower-case hex in 8-4-4-4-12 groups. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A short code for a name, as standards write theirs (`SRE.L3.DE.2`): the initials of its words,
 * upper-case. `taken` keeps codes unique within one parent by numbering a repeat (DE, DE2).
 */
export function initials(name: string, taken: Set<string>): string {
  const base =
    name
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase())
      .join('') || 'X';
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}${n}`;
  taken.add(code);
  return code;
}
