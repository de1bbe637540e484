import { parseAllDocuments } from 'yaml';
import { ImportError } from './import-error.ts';

/** Every document of a YAML stream as plain values; an ImportError naming the first syntax error. */
export function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    const [error] = document.errors;
    if (error !== undefined) throw new ImportError(`not YAML: ${error.message.split('\n')[0]}`);
    return document.toJS() as unknown;
  });
}
