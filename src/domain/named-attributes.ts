/**
 * The attributes every level is expected to have, which the schema gives fields of their own
 * (`Level.planningHorizon`, `LevelFilter.planningHorizon`, …), in schema order. The label is how content
 * writes one (`- **Planning horizon**: …`); the key is the camelCase of the label, as for any attribute.
 */
export const NAMED_ATTRIBUTES = [
  { key: 'planningHorizon', label: 'Planning horizon' },
  { key: 'impactRadius', label: 'Impact radius' },
  { key: 'evaluation', label: 'Evaluation' },
  { key: 'responsibilityAndDirectionNeeded', label: 'Responsibility and direction needed' },
] as const;

/** The key of a named attribute, such as `planningHorizon`. */
export type NamedAttributeKey = (typeof NAMED_ATTRIBUTES)[number]['key'];

/** The named attributes' keys, in schema order. */
export const NAMED_ATTRIBUTE_KEYS: readonly NamedAttributeKey[] = NAMED_ATTRIBUTES.map((a) => a.key);

/** The label content writes a named attribute under, e.g. `Planning horizon`. */
export function namedAttributeLabel(key: NamedAttributeKey): string {
  return NAMED_ATTRIBUTES.find((a) => a.key === key)!.label;
}
