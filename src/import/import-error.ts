/** Input an import cannot read: not YAML or JSON, or not the format it was told; the message says which. */
export class ImportError extends Error {}
