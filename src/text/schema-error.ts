/** One JSON-schema (ajv) error as a sentence: `spec.groups.0.interval must match pattern "…"`. */
export function describeSchemaError(
  error: { readonly instancePath: string; readonly message?: string; readonly params: Record<string, unknown> },
  root: string,
): string {
  const where = error.instancePath === '' ? root : error.instancePath.slice(1).replace(/\//g, '.');
  const extra = typeof error.params.additionalProperty === 'string' ? ` (${error.params.additionalProperty})` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}
