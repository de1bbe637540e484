import type { System } from '../../model/system.ts';

/** Labels on every object obsgen writes, so `kubectl apply --prune -l app.kubernetes.io/managed-by=obsgen` finds them. */
export function managedLabels(system: System): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'obsgen', 'app.kubernetes.io/part-of': system.name };
}
