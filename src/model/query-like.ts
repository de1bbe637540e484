/**
 * A typed query, a catalog metric or a selection of one: objects obsgen makes, which hold no
 * object a user wrote (a query's syntax tree; a metric's spec is its catalog's).
 */
export function isQueryLike(value: object): boolean {
  return 'ast' in value || typeof (value as { readonly where?: unknown }).where === 'function';
}
