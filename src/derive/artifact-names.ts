import { createHash } from 'node:crypto';

/** Grafana uids are at most 40 characters; long names keep a readable prefix and a hash. */
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
