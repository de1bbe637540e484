import { createHash } from 'node:crypto';
import type { Dashboard } from '../model/dashboard.ts';

/** Grafana uids are at most 40 characters; long names keep a readable prefix and a hash. */
/** A dashboard's uid: the one its spec gives, or one derived from its system and name. */
export function uidOf(system: string, dashboard: Dashboard): string {
  return dashboard.spec.uid ?? dashboardUid(system, dashboard.name);
}

export function dashboardUid(system: string, name: string): string {
  const uid = `${system}-${name}`;
  if (uid.length <= 40) return uid;
  const hash = createHash('sha256').update(uid).digest('hex').slice(0, 8);
  return `${uid.slice(0, 31)}-${hash}`;
}

/** A CloudFormation logical id: alphanumeric, from the kind and the definition's name. */
export function logicalId(kind: string, name: string): string {
  return (
    kind +
    name
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join('')
  );
}

/**
 * A Kubernetes object name (DNS-1123 subdomain) for a name that may not be one: lower-cased, other
 * characters turned to "-"; when that changed it, a hash of the original keeps two names apart.
 */
export function kubernetesObjectName(prefix: string, name: string, maxLength = 253): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const readable = `${prefix}${cleaned}`;
  if (cleaned === name && readable.length <= maxLength) return readable;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${readable.slice(0, maxLength - 10).replace(/[^a-z0-9]+$/, '')}-${hash}`;
}
