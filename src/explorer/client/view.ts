import type { Child } from './dom.js';
import type { TrackSummary } from './queries.js';

/** What every view may use besides its URL parameters. */
export interface ViewContext {
  /** Chrome-less page inside a dashboard's iframe: no controls, links open the full explorer in a new tab. */
  readonly embed: boolean;
  /** Every track with its levels, fetched once per page load: the pickers and suggestions need it. */
  tracks(): Promise<readonly TrackSummary[]>;
}

/** A view's answer: the page's content and where keyboard focus goes after a navigation. */
export interface Rendered {
  /** The document title, before the site name. */
  readonly title: string;
  readonly nodes: readonly Child[];
  /** Usually the h1; focusing it tells screen reader users the page changed. */
  readonly focus?: HTMLElement | null;
  /** Use the whole window's width (the matrix) instead of a comfortable reading width. */
  readonly wide?: boolean;
}

export type View = (params: URLSearchParams, ctx: ViewContext) => Promise<Rendered>;
