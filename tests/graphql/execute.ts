import { graphql, type ExecutionResult } from 'graphql';
import type { Framework } from '../../src/domain/framework';
import { buildFrameworkSchema } from '../../src/graphql/schema';

/** Runs one operation against the built schema, the way Apollo would, without HTTP. */
export async function execute(
  framework: Framework,
  source: string,
  variableValues?: Record<string, unknown>,
): Promise<ExecutionResult> {
  return graphql({ schema: buildFrameworkSchema(), source, variableValues, contextValue: { framework } });
}

/** The codes of every error of a result. */
export function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
