/** A panel of dashboard JSON, ours or a third party's: any fields, each read with care. */
export type PanelJson = { readonly [key: string]: unknown };

const isMap = (value: unknown): value is PanelJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Panels in document order, a row's nested panels (a collapsed row's) right after the row. */
export function flattenPanels(panels: unknown): PanelJson[] {
  return list(panels)
    .filter(isMap)
    .flatMap((panel) => [panel, ...flattenPanels(panel.panels)]);
}

/** The panels that show something: every panel but the rows, in document order. */
export function contentPanels(dashboard: { readonly panels?: unknown }): PanelJson[] {
  return flattenPanels(dashboard.panels).filter((panel) => panel.type !== 'row');
}
