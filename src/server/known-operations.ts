import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import * as explorerHistoryQueries from '../explorer/client/history-queries';
import * as explorerQueries from '../explorer/client/queries';

/**
 * examples/ at the repository root, in a checkout and in the image (/app/examples). Where it is
 * missing (a build copied without it), the explorer's operations are the only known ones.
 */
export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The explorer's documents: every one its query modules export. */
const EXPLORER_DOCUMENTS: readonly DocumentNode[] = [
  ...Object.values(explorerQueries),
  ...Object.values(explorerHistoryQueries),
]
  .filter((v): v is string => typeof v === 'string')
  .map((source) => parse(source));

/** The names of the named operations in GraphQL documents (fragments and anonymous ones have none). */
export function operationNames(documents: readonly DocumentNode[]): string[] {
  return documents.flatMap((document) =>
    document.definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    ),
  );
}

/** The operations the explorer sends. */
export const EXPLORER_OPERATIONS: ReadonlySet<string> = new Set(operationNames(EXPLORER_DOCUMENTS));

/** The documents of the *.graphql files in a directory; none when it does not exist. */
function exampleDocuments(dir: string): DocumentNode[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return files.flatMap((file) => {
    try {
      return [parse(readFileSync(path.join(dir, file), 'utf8'))];
    } catch (error) {
      // an example that does not parse is only left out; it must not stop the server
      if (!(error instanceof GraphQLError)) throw error;
      return [];
    }
  });
}

const byDir = new Map<string, readonly DocumentNode[]>();

/**
 * The documents the server ships, read once per directory: the explorer's and those of the examples
 * in `examplesDir`. The metrics label operations by their names, and the cost limit is calibrated
 * on them (src/graphql/cost/budgets.ts).
 */
export function knownDocuments(examplesDir: string = EXAMPLES_DIR): readonly DocumentNode[] {
  let documents = byDir.get(examplesDir);
  if (!documents)
    byDir.set(examplesDir, (documents = [...EXPLORER_DOCUMENTS, ...exampleDocuments(examplesDir)]));
  return documents;
}

/** The operation names of {@link knownDocuments}. Any other name is a client's own and counts as "other". */
export async function knownOperations(examplesDir: string = EXAMPLES_DIR): Promise<ReadonlySet<string>> {
  return new Set(operationNames(knownDocuments(examplesDir)));
}
