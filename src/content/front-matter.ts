import { isMap, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { problem, type ContentProblem } from './problem';

/** One front matter key with its plain value and where both are written (file lines, 1-based). */
export interface FrontMatterField {
  readonly key: string;
  /** A string, number, boolean or null; collections are reported as `COLLECTION`. */
  readonly value: unknown;
  readonly line: number;
  readonly column: number;
}

/** Marks a value that is a YAML list or mapping: no key we accept takes one. */
export const COLLECTION = Symbol('collection');

export interface FrontMatter {
  /** Present only when the front matter parsed cleanly. */
  readonly fields: ReadonlyMap<string, FrontMatterField>;
  /** The file with the front matter lines blanked out, so markdown-it's line numbers are file lines. */
  readonly body: string;
  /** False when the body could not be told apart from the front matter (it is never closed). */
  readonly bodyFound: boolean;
  readonly problems: ContentProblem[];
}

/** Beyond this the YAML parser recurses deep enough to exhaust the stack or memory; our keys need 1. */
const MAX_DEPTH = 8;
const MAX_REPORTED_YAML_ERRORS = 5;

/**
 * Finds and parses YAML front matter. The opening fence is matched here rather than by gray-matter,
 * because gray-matter hands `---js` front matter to `eval`: any language tag after the fence is
 * refused without looking at what follows. The YAML is parsed to a syntax tree and read from there,
 * never converted wholesale, so aliases cannot expand and tags cannot construct objects.
 */
export function readFrontMatter(text: string, path: string): FrontMatter {
  const none = { fields: new Map(), body: text, bodyFound: true, problems: [] };
  if (!text.startsWith('---')) return none;
  const firstEnd = lineEnd(text, 0);
  const opening = text.slice(0, firstEnd);
  const language = /^---[ \t]*([^\s-].*?)[ \t]*$/.exec(opening)?.[1];
  if (language === undefined && !/^---[ \t]*$/.test(opening)) return none; // `----` is a thematic break

  const problems: ContentProblem[] = [];
  if (language !== undefined) {
    problems.push(
      problem(
        'front-matter-language',
        path,
        1,
        opening.indexOf(language) + 1,
        `Front matter in "${language}" is not supported and was not run; only YAML is (an opening line of just ---).`,
      ),
    );
  }
  const close = findClosingFence(text, firstEnd);
  if (close === null) {
    problems.push(
      problem(
        'front-matter-unclosed',
        path,
        1,
        1,
        'The front matter opened here is never closed; add a line with just --- after it.',
      ),
    );
    return { fields: new Map(), body: '', bodyFound: false, problems };
  }
  const yamlSource = text.slice(firstEnd + 1, close.start);
  const blanked = '\n'.repeat(close.line + 1) + text.slice(Math.min(text.length, close.end + 1));
  const result = { body: blanked, bodyFound: true, problems };
  if (language !== undefined) return { ...result, fields: new Map() };

  const fields = parseYaml(yamlSource, path, problems);
  return { ...result, fields };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** The closing `---` line: its start and end offsets and its 0-based line index. */
function findClosingFence(
  text: string,
  firstEnd: number,
): { start: number; end: number; line: number } | null {
  if (firstEnd >= text.length) return null;
  for (let start = firstEnd + 1, line = 1; ; line++) {
    const end = lineEnd(text, start);
    if (text.startsWith('---', start) && /^[ \t]*$/.test(text.slice(start + 3, end)))
      return { start, end, line };
    if (end >= text.length) return null;
    start = end + 1;
  }
}

/** YAML line n is file line n + 1: the opening fence is line 1. */
const FILE_LINE_OFFSET = 1;

function parseYaml(source: string, path: string, problems: ContentProblem[]): Map<string, FrontMatterField> {
  const fields = new Map<string, FrontMatterField>();
  const counter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return { line: line + FILE_LINE_OFFSET, column: col };
  };

  const tooDeep = excessiveNesting(source);
  if (tooDeep !== null) {
    const lines = source.slice(0, tooDeep).split('\n');
    problems.push(
      problem(
        'front-matter-too-deep',
        path,
        lines.length + FILE_LINE_OFFSET,
        lines[lines.length - 1]!.length + 1,
        `Front matter nests more than ${MAX_DEPTH} levels deep and was not parsed; use plain key: value lines.`,
      ),
    );
    return fields;
  }

  const doc = parseDocument(source, {
    lineCounter: counter,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const yamlErrors = [...doc.errors, ...doc.warnings];
  for (const e of yamlErrors.slice(0, MAX_REPORTED_YAML_ERRORS)) {
    const { line, column } = at(e.pos[0]);
    const duplicate = e.code === 'DUPLICATE_KEY';
    problems.push(
      problem(
        duplicate ? 'front-matter-duplicate-key' : 'front-matter-syntax',
        path,
        line,
        column,
        duplicate
          ? 'This front matter key is given twice; keep one.'
          : `Front matter is not valid YAML: ${firstLine(e.message)}.`,
      ),
    );
  }
  if (yamlErrors.length > 0) return fields;

  let aliases = 0;
  visit(doc, {
    Alias(_, node) {
      const { line, column } = at(node.range?.[0] ?? 0);
      problems.push(
        problem(
          'front-matter-alias',
          path,
          line,
          column,
          'YAML aliases (*name) are not allowed in front matter; write the value out.',
        ),
      );
      aliases++;
      return aliases >= MAX_REPORTED_YAML_ERRORS ? visit.BREAK : undefined;
    },
  });
  if (aliases > 0) return fields;

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return fields; // empty front matter
  if (!isMap(contents)) {
    const { line, column } = at(rangeStart(contents));
    problems.push(
      problem(
        'front-matter-not-mapping',
        path,
        line,
        column,
        'Front matter must be a list of key: value lines.',
      ),
    );
    return fields;
  }
  for (const pair of contents.items) {
    const key = pair.key as Node | null;
    const { line, column } = at(key ? rangeStart(key) : 0);
    if (!isScalar(key) || typeof key.value !== 'string') {
      problems.push(
        problem('bad-front-matter-key', path, line, column, 'Front matter keys must be plain words.'),
      );
      continue;
    }
    const value = pair.value as Node | null;
    const plain = value === null ? null : isScalar(value) ? value.value : COLLECTION;
    fields.set(key.value, { key: key.value, value: plain, line, column });
  }
  return fields;
}

function rangeStart(node: Node): number {
  return node.range?.[0] ?? 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/[.:]\s*$/, '');
}

/**
 * Offset where the front matter first nests deeper than MAX_DEPTH, or null. Counted before parsing
 * because the YAML parser recurses per level: `[[[[…` ten thousand deep exhausts the stack and then
 * the heap. Deliberately rough (brackets inside quotes count too): our keys hold single values.
 */
function excessiveNesting(source: string): number | null {
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        indent++;
        continue;
      }
      lineStart = false;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // Compact nesting: `- - - x` or `? ? x` nests once per indicator on a single line.
      const compact = /^(?:[-?:](?:[ \t]+|$))*/.exec(source.slice(i, lineEnd(source, i)))![0];
      const indicators = (compact.match(/[-?:]/g) ?? []).length;
      if (indents.length + indicators > MAX_DEPTH) return i;
    }
    if (c === '[' || c === '{') {
      flow++;
      if (flow > MAX_DEPTH) return i;
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow--;
    }
  }
  return null;
}
