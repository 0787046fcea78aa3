import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GraphQLError, Kind, parse } from 'graphql';
import * as explorerQueries from '../explorer/client/queries';

/**
 * examples/ at the repository root, in a checkout and in the image (/app/examples). Where it is
 * missing (a build copied without it), the explorer's operations are the only known ones.
 */
export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The names of the named operations in GraphQL documents (fragments and anonymous ones have none). */
export function operationNames(documents: readonly string[]): string[] {
  return documents.flatMap((source) =>
    parse(source).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    ),
  );
}

/** The operations the explorer sends: every document its queries module exports. */
export const EXPLORER_OPERATIONS: ReadonlySet<string> = new Set(
  operationNames(Object.values(explorerQueries).filter((v): v is string => typeof v === 'string')),
);

/** The named operations of the *.graphql files in a directory; none when it does not exist. */
async function exampleOperations(dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const names: string[] = [];
  for (const file of files) {
    try {
      names.push(...operationNames([await readFile(path.join(dir, file), 'utf8')]));
    } catch (error) {
      // an example that does not parse only loses its metric label; it must not stop the server
      if (!(error instanceof GraphQLError)) throw error;
    }
  }
  return names;
}

/**
 * The operation names the server's metrics label by name, read once at start: the explorer's and
 * those of the examples in `examplesDir`. Any other name is a client's own and counts as "other".
 */
export async function knownOperations(examplesDir: string = EXAMPLES_DIR): Promise<ReadonlySet<string>> {
  return new Set([...EXPLORER_OPERATIONS, ...(await exampleOperations(examplesDir))]);
}
