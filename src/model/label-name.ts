/** Prometheus' classic label-name charset, which Prometheus 2 and Mimir load. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Whether `name` is a label name Prometheus accepts (reserved `__` names are the caller's concern). */
export function isLabelName(name: unknown): name is string {
  return typeof name === 'string' && LABEL_NAME.test(name);
}
