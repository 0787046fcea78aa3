import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Step, StepLevel } from './steps';

const ATOM = 'http://www.w3.org/2005/Atom';
const XHTML = 'http://www.w3.org/1999/xhtml';

/** What a feed is about and where its links point; everything else comes from the steps. */
export interface FeedOptions {
  /** The origin links are made absolute against, as the request named the server. */
  readonly origin: string;
  /** The feed's own path and query, e.g. `/changes.atom?track=site-reliability-engineer`. */
  readonly self: string;
  readonly title: string;
  /** When the feed has no entries: the time the served content was loaded. */
  readonly fallbackUpdated: Date;
}

/** The explorer's What changed page for one step (`since` the parent, `until` the version). */
export function stepPage(step: Step): string {
  const since = step.parent?.id;
  return since ? `/changes?since=${since}&until=${step.version.id}` : `/changes?until=${step.version.id}`;
}

/**
 * An Atom 1.0 document (RFC 4287): a feed with its id, title, updated, self link and author, and one
 * entry per step with its id, title (the commit subject), updated (the commit time), the tags as
 * categories, a summary in text and the changed levels as XHTML.
 */
export function atomFeed(steps: readonly Step[], options: FeedOptions): string {
  const url = (path: string) => `${options.origin}${path}`;
  const newest = steps[0]?.version.committedAt ?? options.fallbackUpdated;
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele(ATOM, 'feed');
  feed.ele('id').txt(url(options.self));
  feed.ele('title').txt(options.title);
  feed.ele('updated').txt(newest.toISOString());
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: url(options.self) });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: url('/changes') });
  feed.ele('author').ele('name').txt('career-framework-api');
  feed.ele('generator').txt('career-framework-api');
  for (const step of steps) entry(feed.ele('entry'), step, url);
  return feed.end({ prettyPrint: true });
}

function entry(node: XMLBuilder, step: Step, url: (path: string) => string): void {
  const { version } = step;
  const page = url(stepPage(step));
  // the step's page names both commits, which never change, so it is a permanent id
  node.ele('id').txt(page);
  node.ele('title').txt(version.subject || version.shortId);
  node.ele('updated').txt(version.committedAt.toISOString());
  node.ele('link', { rel: 'alternate', type: 'text/html', href: page });
  for (const tag of version.tags) node.ele('category', { term: tag, label: `tag ${tag}` });
  node.ele('summary').txt(summary(step));
  const div = node.ele('content', { type: 'xhtml' }).ele(XHTML, 'div');
  div
    .ele('p')
    .txt(
      `Version ${version.shortId}${version.tags.length ? ` (${version.tags.join(', ')})` : ''}` +
        (step.parent ? `, since ${step.parent.shortId}.` : ', the first version.'),
    );
  if (step.levels === null) {
    div.ele('p').txt('One side of this step has content errors, so it is not compared.');
    return;
  }
  const list = div.ele('ul');
  for (const level of step.levels) {
    const li = list.ele('li');
    li.ele('a', { href: url(`/level?id=${level.id}`) }).txt(`${level.id}: ${level.title}`);
    li.txt(` ${level.change}: ${counts(level)}`);
  }
}

function summary(step: Step): string {
  if (step.levels === null) return 'Not compared: content errors on one side.';
  if (step.levels.length === 0) return 'No level changed.';
  return step.levels.map((l) => `${l.id} ${l.change} (${counts(l)})`).join('; ');
}

function counts(level: StepLevel): string {
  return `+${level.added} −${level.removed} ~${level.changed}`;
}
