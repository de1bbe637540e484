/**
 * Which data source plugin a panel target queries, followed as Grafana follows it: the target's
 * own data source, else the panel's (a "-- Mixed --" panel leaves it to each target); a reference
 * is an object `{ type, uid }`, a name, or a template variable (`$ds`, `${ds}`, `[[ds]]`) whose
 * `datasource` variable names the plugin in its `query`. Undefined when nothing says (the
 * dashboard's default data source, or a data source named but not typed).
 */
type Json = { readonly [key: string]: unknown };

const isMap = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Plugins that are queried in PromQL. */
const PROMQL_PLUGINS: ReadonlySet<string> = new Set([
  'prometheus',
  'grafana-amazonprometheus-datasource',
  'grafana-azureprometheus-datasource',
]);

/** Grafana's built-in pseudo data sources, by the name or uid a dashboard stores. */
const BUILT_IN: Readonly<Record<string, string>> = {
  '-- Grafana --': 'grafana',
  grafana: 'grafana',
  '-- Dashboard --': 'dashboard',
  '-- Mixed --': 'mixed',
};

const VARIABLE = /^\$\{(\w+)(?::[^}]*)?\}$|^\[\[(\w+)\]\]$|^\$(\w+)$/;

function targetDataSourceType(target: Json, panel: Json, variables: ReadonlyMap<string, Json>): string | undefined {
  const own = referenceType(target.datasource, variables);
  if (own !== undefined && own !== 'mixed') return own;
  const panels = referenceType(panel.datasource, variables);
  return panels === 'mixed' ? undefined : panels;
}

/** Whether a target is PromQL: a non-empty `expr` of a Prometheus data source, or of one nothing types. */
export function isPromqlTarget(target: Json, panel: Json, variables: ReadonlyMap<string, Json>): boolean {
  if (typeof target.expr !== 'string' || target.expr.trim() === '') return false;
  const type = targetDataSourceType(target, panel, variables);
  return type === undefined || PROMQL_PLUGINS.has(type);
}

function referenceType(reference: unknown, variables: ReadonlyMap<string, Json>): string | undefined {
  if (typeof reference === 'string') return BUILT_IN[reference] ?? variableType(reference, variables);
  if (!isMap(reference)) return undefined;
  const type = typeof reference.type === 'string' ? reference.type : undefined;
  const uid = typeof reference.uid === 'string' ? reference.uid : undefined;
  if (uid !== undefined && BUILT_IN[uid] !== undefined) return BUILT_IN[uid];
  if (type !== undefined && !VARIABLE.test(type) && type !== 'datasource') return type;
  return (
    (type === undefined ? undefined : variableType(type, variables)) ??
    (uid === undefined ? undefined : variableType(uid, variables))
  );
}

/** The plugin a `datasource` variable selects (its `query`), when `text` is a reference to one. */
function variableType(text: string, variables: ReadonlyMap<string, Json>): string | undefined {
  const match = VARIABLE.exec(text.trim());
  const name = match?.[1] ?? match?.[2] ?? match?.[3];
  const variable = name === undefined ? undefined : variables.get(name);
  if (variable?.type !== 'datasource' || typeof variable.query !== 'string' || variable.query === '') return undefined;
  return variable.query;
}
