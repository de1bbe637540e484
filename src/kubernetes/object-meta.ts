/**
 * What the Kubernetes API server checks of every object's metadata (apimachinery's validation),
 * which no OpenAPI schema carries: name, namespace, label and annotation syntax and sizes.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** The API server's limit on all annotations of an object together. */
const TOTAL_ANNOTATION_BYTES = 256 * 1024;

export interface ObjectMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Why the API server would refuse this metadata, one sentence per problem (empty when it accepts it). */
export function metadataProblems(metadata: ObjectMetadata): string[] {
  const problems: string[] = [];
  if (metadata.name === undefined) problems.push('metadata.name is missing');
  else problems.push(...dnsSubdomainProblems('metadata.name', metadata.name));
  if (metadata.namespace !== undefined) problems.push(...dnsLabelProblems('metadata.namespace', metadata.namespace));
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    problems.push(...qualifiedNameProblems(`metadata.labels key ${JSON.stringify(key)}`, key));
    problems.push(...labelValueProblems(`metadata.labels[${JSON.stringify(key)}]`, value));
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    problems.push(...qualifiedNameProblems(`metadata.annotations key ${JSON.stringify(key)}`, key));
    annotationBytes += utf8Bytes(key) + utf8Bytes(value);
  }
  if (annotationBytes > TOTAL_ANNOTATION_BYTES)
    problems.push(`metadata.annotations are ${annotationBytes} bytes; the limit is ${TOTAL_ANNOTATION_BYTES}`);
  return problems;
}

/** A DNS-1123 subdomain: what most object names must be. */
function dnsSubdomainProblems(field: string, value: string): string[] {
  if (value.length > 253) return [`${field} ${JSON.stringify(value)} is longer than 253 characters`];
  if (!DNS1123_SUBDOMAIN.test(value))
    return [
      `${field} ${JSON.stringify(value)} is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit)`,
    ];
  return [];
}

/** A DNS-1123 label: what namespaces must be. */
function dnsLabelProblems(field: string, value: string): string[] {
  if (value.length > 63) return [`${field} ${JSON.stringify(value)} is longer than 63 characters`];
  if (!DNS1123_LABEL.test(value))
    return [
      `${field} ${JSON.stringify(value)} is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)`,
    ];
  return [];
}

/** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
function qualifiedNameProblems(field: string, key: string): string[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  const problems = prefix === undefined ? [] : dnsSubdomainProblems(`${field} prefix`, prefix);
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name))
    problems.push(
      `${field} is not a qualified name (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, after an optional "prefix/")`,
    );
  return problems;
}

function labelValueProblems(field: string, value: string): string[] {
  if (value === '') return [];
  if (value.length > 63 || !QUALIFIED_NAME.test(value))
    return [
      `${field} ${JSON.stringify(value)} is not a valid label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)`,
    ];
  return [];
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
