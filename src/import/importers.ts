import type { ImportAllows } from './import-allows.ts';
import { importRules, type ImportResult } from './import-rules.ts';
import { importSloth } from './import-sloth.ts';
import { importOpenslo } from './import-openslo.ts';
import { importDashboard } from './import-dashboard.ts';

export type { ImportResult } from './import-rules.ts';

/** Each `obsgen import <kind>`: the input's text, the system's name, the allows to write → a definitions module. */
export const IMPORTERS: Readonly<Record<string, (text: string, system: string, allows: ImportAllows) => ImportResult>> =
  {
    rules: importRules,
    sloth: importSloth,
    openslo: importOpenslo,
    dashboard: importDashboard,
  };
