import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type RealTool =
  'promtool' | 'amtool' | 'prometheus' | 'alertmanager' | 'chromium' | 'otelcol-contrib' | 'otelcol';

const OVERRIDE: Readonly<Record<RealTool, string>> = {
  promtool: 'PROMTOOL',
  amtool: 'AMTOOL',
  prometheus: 'PROMETHEUS',
  alertmanager: 'ALERTMANAGER',
  chromium: 'CHROMIUM',
  'otelcol-contrib': 'OTELCOL',
  otelcol: 'OTELCOL',
};

/** Executable names besides the tool's own: Debian installs Alertmanager as prometheus-alertmanager. */
const ALIASES: Partial<Record<RealTool, readonly string[]>> = {
  alertmanager: ['prometheus-alertmanager'],
  chromium: ['chromium-browser', 'google-chrome'],
};

/** The path of a real tool: its override variable, else the first match on PATH; undefined if absent. */
export function locateTool(tool: RealTool): string | undefined {
  const override = process.env[OVERRIDE[tool]];
  if (override !== undefined && override !== '') return isExecutable(override) ? override : undefined;
  for (const name of [tool, ...(ALIASES[tool] ?? [])]) {
    for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
      if (directory === '') continue;
      const candidate = path.join(directory, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export function missingToolMessage(tool: RealTool): string {
  return `${tool} was not found (PATH or ${OVERRIDE[tool]}). Run scripts/ensure-tools.sh, which installs it from Debian's ${tool === 'amtool' || tool === 'alertmanager' ? 'prometheus-alertmanager' : tool === 'chromium' ? 'chromium' : 'prometheus'} package.`;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
