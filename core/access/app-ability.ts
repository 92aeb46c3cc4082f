import { buildMongoQueryMatcher, createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';

export type AppAbility = MongoAbility<[string, string | object]>;
export type AppRule = RawRuleOf<AppAbility>;

/** A string-typed field value, or any element of an array of them, lies under a materialised path. */
function isUnder(value: unknown, prefix: string): boolean {
  if (Array.isArray(value)) return value.some((v) => isUnder(v, prefix));
  return typeof value === 'string' && value.startsWith(prefix);
}

/**
 * `$under` — "in the org subtree rooted at this path" — is our one custom operator. It is
 * checked in memory here and becomes a byte range on the path index in SQL (ability-sql.ts).
 */
const conditionsMatcher = buildMongoQueryMatcher(
  {
    $under: {
      type: 'field',
      validate(instruction, value) {
        if (typeof value !== 'string' || !value.endsWith('/')) throw new Error(`${instruction.name} expects a materialised path ending in "/"`);
      },
    },
  },
  {
    under: (condition: { field: string; value: unknown }, object: object, { get }: { get: (o: object, f: string) => unknown }) =>
      isUnder(get(object, condition.field), condition.value as string),
  } as never,
);

export function createAppAbility(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules, {
    conditionsMatcher,
    // Records carry their subject type in __caslSubjectType__ (set with `subject()`).
    detectSubjectType: (object) => (object as { __caslSubjectType__?: string }).__caslSubjectType__ ?? (object as { constructor: { name: string } }).constructor.name,
  });
}
