import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';

/**
 * The kubernetes-models classes' validators (compiled from prometheus-operator's API types and
 * Kubernetes' OpenAPI), by `apiVersion kind`; each throws a ValidationError listing ajv's errors.
 * The entry of their own CommonJS bundle (dist/kubernetes-validators.cjs, scripts/build-package.mjs),
 * which resource-problems.ts requires on first use, from the package and from the sources alike.
 */
export function modelValidators(): ReadonlyMap<string, (object: object) => void> {
  return new Map<string, (object: object) => void>([
    ['monitoring.coreos.com/v1 PrometheusRule', (object) => new PrometheusRule(object as never).validate()],
    ['v1 ConfigMap', (object) => new ConfigMap(object as never).validate()],
  ]);
}
