/**
 * Choosing two levels, shared by the compare page and the step checklist: the pickers with their swap
 * button, the pair offered when nothing is chosen, and the alert for an id that names no level.
 */
import { alertBox, controls, errorAlert, levelSelect } from './components.js';
import { decoration, h } from './dom.js';
import { ApiError } from './graphql.client.js';
import type { TrackSummary } from './queries.js';

/** With nothing chosen, offer the first two levels; with only 'from', the level after it. */
export function defaultPair(
  tracks: readonly TrackSummary[],
  from: string | null,
): { from: string | null; to: string | null } {
  const levels = tracks.flatMap((t) => t.levels);
  const fromIndex = levels.findIndex((l) => l.id === from);
  return {
    from: levels[0]?.id ?? null,
    to: (fromIndex >= 0 ? levels[fromIndex + 1]?.id : levels[1]?.id) ?? null,
  };
}

/** Where the form goes and what it says: the pickers' ids are `<idPrefix>-from` and `<idPrefix>-to`. */
export interface PairFormOptions {
  readonly action: string;
  /** The form's accessible name, e.g. "Choose two levels to compare". */
  readonly label: string;
  readonly submit: string;
  readonly idPrefix: string;
}

/** From and To pickers of every level (earlier versions in the URL included), Swap between them. */
export function levelPairForm(
  options: PairFormOptions,
  tracks: readonly TrackSummary[],
  from: string | null,
  to: string | null,
): HTMLFormElement {
  const fromId = `${options.idPrefix}-from`;
  const toId = `${options.idPrefix}-to`;
  const swap = h(
    'button',
    { type: 'button', class: 'secondary', title: 'Swap the two levels' },
    decoration('⇄ '),
    'Swap',
  );
  const form = controls(
    options.action,
    options.label,
    levelSelect({ id: fromId, name: 'from', label: 'From' }, tracks, from, [from, to]),
    swap,
    levelSelect({ id: toId, name: 'to', label: 'To' }, tracks, to, [from, to]),
    h('button', { type: 'submit' }, options.submit),
  );
  // swap and submit at once, rather than leave the pickers disagreeing with the page on screen
  // until the submit button is pressed
  swap.addEventListener('click', () => {
    const a = form.querySelector<HTMLSelectElement>(`#${fromId}`);
    const b = form.querySelector<HTMLSelectElement>(`#${toId}`);
    if (!a || !b) return;
    [a.value, b.value] = [b.value, a.value];
    form.requestSubmit();
  });
  return form;
}

/**
 * An unknown 'from' or 'to' id named in an alert, with the API's suggestions as links to the same
 * page (`pairHref`) with the suggestion in its place; any other failure as errorAlert shows it.
 */
export function unknownLevelAlert(
  error: unknown,
  from: string,
  to: string,
  pairHref: (from: string, to: string) => string,
): HTMLElement {
  if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') return errorAlert(error);
  const argument = error.argument === 'to' ? 'to' : 'from';
  const wrong = argument === 'from' ? from : to;
  return alertBox(
    `There is no level with the id “${wrong}”.`,
    h(
      'p',
      null,
      `It was given as the “${argument}” level. Level ids are written `,
      h('code', null, 'track/code'),
      ', and a level as it was at an earlier version ',
      h('code', null, 'track/code@version'),
      '.',
    ),
    error.suggestions.map((s) => ({
      href: argument === 'from' ? pairHref(s, to) : pairHref(from, s),
      text: s,
    })),
  );
}

/** A level as a pair of levels names it: its id (with any version), code and track. */
export interface PairLevel {
  readonly id: string;
  readonly code: string;
  readonly track: { readonly id: string; readonly name: string };
}

/**
 * The document title names the track as well as the codes: "Site Reliability Engineer L2 → L3", and
 * across tracks "Software Engineer L3 → Site Reliability Engineer L3", never a bare "L3 → L3".
 */
export function diffTitle(pair: { readonly from: PairLevel; readonly to: PairLevel }): string {
  const { from, to } = pair;
  const [a, b] = [from.code + refSuffix(from.id), to.code + refSuffix(to.id)];
  return from.track.id === to.track.id
    ? `${to.track.name} ${a} → ${b}`
    : `${from.track.name} ${a} → ${to.track.name} ${b}`;
}

/** How a heading or sentence names one level of a pair: its code, with the version or the track when the two differ. */
export function shortName(level: PairLevel, other: PairLevel): string {
  const code = level.code + refSuffix(level.id);
  return level.track.id === other.track.id ? code : `${level.track.name} ${code}`;
}

/** The version an id names after its level code ('track/L3@v1' → 'v1'); null for the content served now. */
export function refOf(id: string): string | null {
  const level = id.split('/')[1] ?? '';
  const at = level.indexOf('@');
  return at === -1 ? null : level.slice(at + 1);
}

const refSuffix = (id: string): string => {
  const ref = refOf(id);
  return ref === null ? '' : `@${ref}`;
};
