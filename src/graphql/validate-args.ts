import { getMetadataStorage, validateSync, ValidationTypes, type ValidationError } from 'class-validator';
import { GraphQLError } from 'graphql';
import type { ValidatorFn } from 'type-graphql';

/** The stable error codes this schema itself raises (Apollo adds its own for parse and validation). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
} as const;

/**
 * A client error with the stable code BAD_USER_INPUT. `http.status` makes Apollo answer 400, as it
 * does for variables of the wrong type, so caches and dashboards see a client error either way.
 */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions, http: { status: 400 } },
  });
}

interface Violation {
  argument: string;
  constraints: string[];
}

function flatten(errors: readonly ValidationError[], prefix = ''): Violation[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ argument: path, constraints: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

const constrained = new Map<unknown, boolean>();

/** Whether a class carries any rule beyond @IsOptional; a class without one has nothing to check. */
function hasConstraints(target: unknown): boolean {
  let known = constrained.get(target);
  if (known === undefined) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(
      target as new () => object,
      '',
      true,
      false,
    );
    known = rules.some((rule) => rule.type !== ValidationTypes.CONDITIONAL_VALIDATION);
    constrained.set(target, known);
  }
  return known;
}

/**
 * class-validator on every argument class, but with an error that names the argument:
 * type-graphql's own says only "Argument Validation Error".
 */
export const validateArgs: ValidatorFn = (value) => {
  if (value === null || typeof value !== 'object' || !hasConstraints(value.constructor)) return;
  // every rule here is synchronous, so the synchronous validator spares a promise per argument
  const errors = validateSync(value as object, { skipMissingProperties: true, forbidUnknownValues: false });
  if (errors.length === 0) return;
  const violations = flatten(errors);
  const text = violations.map((v) => `"${v.argument}": ${v.constraints.join('; ')}`).join(', ');
  throw badUserInput(`Invalid argument ${text}.`, {
    argument: violations[0]?.argument,
    violations,
  });
};
