import type { CollectorSpec } from '../model/collector.ts';
import { collectorPipelines, prometheusPipelines } from './collector-pipelines.ts';
import {
  OttlSyntaxError,
  parseOttlCondition,
  parseOttlStatement,
  type OttlCondition,
  type OttlStatement,
  type OttlValue,
} from './ottl-statement.ts';
import type { Metric } from '../model/catalog.ts';
import type { Project, System } from '../model/system.ts';
import type { CollectorLabels, LabelsAfterCollector } from '../promql/series-catalog.ts';

/**
 * What the collector's own processors do to metric labels on the way to Prometheus: the
 * `attributes`, `transform`, `resource` and `metricstransform` processors of the metrics pipelines
 * that export to Prometheus delete, keep, copy and rename attributes. obsgen applies them to the
 * catalog's labels, so a label deleted on the way is a label no query may use. An edit obsgen
 * cannot follow (a condition on something other than the metric's name, a metric rename) is
 * listed in `unread`, never guessed.
 */

/** Which metrics an edit applies to; 'unknown' when it depends on more than the metric's name. */
type Applies = (names: readonly string[]) => boolean | 'unknown';

type Operation =
  | { readonly kind: 'delete'; readonly label: string }
  | { readonly kind: 'delete-matching'; readonly pattern: RegExp }
  | { readonly kind: 'keep'; readonly labels: readonly string[] }
  | { readonly kind: 'keep-matching'; readonly pattern: RegExp }
  | { readonly kind: 'copy'; readonly from: string; readonly to: string }
  | { readonly kind: 'add'; readonly label: string };

interface LabelEdit {
  readonly processor: string;
  /** Data point attributes become the metric's labels; resource attributes the target's. */
  readonly on: 'datapoint' | 'resource';
  readonly applies: Applies;
  readonly operation: Operation;
}

/** An edit obsgen does not follow, with why. */
interface UnreadLabelEdit {
  readonly processor: string;
  readonly what: string;
  readonly reason: string;
}

export interface CollectorLabelEdits {
  /** The labels of a metric known by `names` (its Prometheus and OTel names) after every pipeline. */
  labelsOf(names: readonly string[], labels: readonly string[], targetLabels: readonly string[]): LabelsAfterCollector;
  readonly unread: readonly UnreadLabelEdit[];
  /** True when some pipeline edits labels at all. */
  readonly edits: boolean;
}

/** An OTel attribute key as the Prometheus exporters write it as a label name. */
function labelName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `key_${name}` : name;
}

const ALWAYS: Applies = () => true;

function nameFilter(config: Record<string, unknown> | undefined): Applies | string {
  if (config === undefined) return ALWAYS;
  const other = Object.keys(config).filter((k) => k !== 'match_type' && k !== 'metric_names');
  if (other.length > 0) return `it selects by ${other.join(', ')}`;
  const names = Array.isArray(config.metric_names) ? config.metric_names.map(String) : [];
  if (config.match_type === 'regexp') {
    const patterns = names.map((n) => new RegExp(n));
    return (candidates) => candidates.some((c) => patterns.some((p) => p.test(c)));
  }
  return (candidates) => candidates.some((c) => names.includes(c));
}

function attributesProcessor(id: string, config: Record<string, unknown>, unread: UnreadLabelEdit[]): LabelEdit[] {
  const include = nameFilter(config.include as Record<string, unknown> | undefined);
  const exclude = config.exclude === undefined ? undefined : nameFilter(config.exclude as Record<string, unknown>);
  if (typeof include === 'string' || typeof exclude === 'string') {
    unread.push({
      processor: id,
      what: 'include/exclude',
      reason: (typeof include === 'string' ? include : exclude) as string,
    });
    return [];
  }
  const applies: Applies = (names) => include(names) === true && (exclude === undefined || exclude(names) !== true);
  const edits: LabelEdit[] = [];
  const push = (operation: Operation): void => {
    edits.push({ processor: id, on: 'datapoint', applies, operation });
  };
  for (const action of Array.isArray(config.actions) ? (config.actions as Record<string, unknown>[]) : []) {
    const key = typeof action.key === 'string' ? labelName(action.key) : undefined;
    switch (action.action) {
      case 'delete':
        if (key !== undefined) push({ kind: 'delete', label: key });
        else if (typeof action.pattern === 'string')
          push({ kind: 'delete-matching', pattern: new RegExp(action.pattern) });
        break;
      case 'insert':
      case 'upsert':
        if (key === undefined) break;
        if (typeof action.from_attribute === 'string')
          push({ kind: 'copy', from: labelName(action.from_attribute), to: key });
        else push({ kind: 'add', label: key });
        break;
      case 'extract':
        if (typeof action.pattern === 'string')
          for (const group of action.pattern.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g))
            push({ kind: 'add', label: labelName(group[1]!) });
        break;
      // update, hash and convert change values of labels that are there already.
    }
  }
  return edits;
}

function resourceProcessor(id: string, config: Record<string, unknown>): LabelEdit[] {
  const edits: LabelEdit[] = [];
  for (const action of Array.isArray(config.attributes) ? (config.attributes as Record<string, unknown>[]) : []) {
    if (typeof action.key !== 'string') continue;
    const key = labelName(action.key);
    const operation: Operation | undefined =
      action.action === 'delete'
        ? { kind: 'delete', label: key }
        : action.action === 'insert' || action.action === 'upsert'
          ? typeof action.from_attribute === 'string'
            ? { kind: 'copy', from: labelName(action.from_attribute), to: key }
            : { kind: 'add', label: key }
          : undefined;
    if (operation !== undefined) edits.push({ processor: id, on: 'resource', applies: ALWAYS, operation });
  }
  return edits;
}

/** The metric's name, as a condition's path spells it in each context. */
function isMetricName(value: OttlValue, context: string): boolean {
  if (value.kind !== 'path' || value.keys.length > 0) return false;
  const path = value.parts.join('.');
  return path === 'metric.name' || (context === 'metric' && path === 'name');
}

/** Whether a condition reads nothing but the metric's name (so conditionHolds decides it for every metric). */
function readsOnlyMetricName(condition: OttlCondition, context: string): boolean {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return readsOnlyMetricName(condition.left, context) && readsOnlyMetricName(condition.right, context);
    case 'not':
      return readsOnlyMetricName(condition.operand, context);
    case 'compare':
      return (
        (condition.op === '==' || condition.op === '!=') &&
        ((isMetricName(condition.left, context) && condition.right.kind === 'string') ||
          (isMetricName(condition.right, context) && condition.left.kind === 'string'))
      );
    case 'value': {
      const { value } = condition;
      if (value.kind === 'bool') return true;
      const [target, pattern] = value.kind === 'call' && value.name === 'IsMatch' ? value.args.map((a) => a.value) : [];
      return target !== undefined && isMetricName(target, context) && pattern?.kind === 'string';
    }
  }
}

/** Evaluates a `where` condition for a metric's names: true, false, or 'unknown'. */
function conditionHolds(condition: OttlCondition, names: readonly string[], context: string): boolean | 'unknown' {
  switch (condition.kind) {
    case 'and': {
      const left = conditionHolds(condition.left, names, context);
      const right = conditionHolds(condition.right, names, context);
      return left === false || right === false ? false : left === true && right === true ? true : 'unknown';
    }
    case 'or': {
      const left = conditionHolds(condition.left, names, context);
      const right = conditionHolds(condition.right, names, context);
      return left === true || right === true ? true : left === false && right === false ? false : 'unknown';
    }
    case 'not': {
      const operand = conditionHolds(condition.operand, names, context);
      return operand === 'unknown' ? 'unknown' : !operand;
    }
    case 'compare': {
      const [path, literal] = isMetricName(condition.left, context)
        ? [condition.left, condition.right]
        : [condition.right, condition.left];
      if (!isMetricName(path, context) || literal.kind !== 'string') return 'unknown';
      if (condition.op === '==') return names.includes(literal.value);
      if (condition.op === '!=') return !names.includes(literal.value);
      return 'unknown';
    }
    case 'value': {
      const value = condition.value;
      if (value.kind === 'bool') return value.value;
      if (value.kind === 'call' && value.name === 'IsMatch') {
        const [target, pattern] = value.args.map((a) => a.value);
        if (target !== undefined && isMetricName(target, context) && pattern?.kind === 'string') {
          const regex = new RegExp(pattern.value);
          return names.some((n) => regex.test(n));
        }
      }
      return 'unknown';
    }
  }
}

/** Which attributes a path names: the data point's or the resource's, in a statement's context. */
function attributesOf(value: OttlValue | undefined, context: string): 'datapoint' | 'resource' | undefined {
  if (value?.kind !== 'path' || value.keys.length > 0) return undefined;
  const path = value.parts.join('.');
  if (path === 'datapoint.attributes' || (context === 'datapoint' && path === 'attributes')) return 'datapoint';
  if (path === 'resource.attributes' || (context === 'resource' && path === 'attributes')) return 'resource';
  return undefined;
}

/** `attributes["key"]` (or `datapoint.attributes["key"]`): which attributes and which key. */
function attributeKey(
  value: OttlValue | undefined,
  context: string,
): { on: 'datapoint' | 'resource'; key: string } | undefined {
  if (value?.kind !== 'path' || value.keys.length !== 1 || value.keys[0]!.kind !== 'string') return undefined;
  const on = attributesOf({ ...value, keys: [] }, context);
  return on === undefined ? undefined : { on, key: labelName(value.keys[0]!.value) };
}

function stringList(value: OttlValue | undefined): string[] | undefined {
  if (value?.kind !== 'list') return undefined;
  const items = value.items.map((item) => (item.kind === 'string' ? item.value : undefined));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}

function statementEdits(
  id: string,
  statement: OttlStatement,
  context: string,
  groupConditions: readonly OttlCondition[],
  text: string,
  unread: UnreadLabelEdit[],
): LabelEdit[] {
  const applies: Applies = (names) => {
    let result: boolean | 'unknown' =
      groupConditions.length === 0
        ? true
        : groupConditions.reduce<boolean | 'unknown'>((held, c) => {
            const holds = conditionHolds(c, names, context);
            return held === true || holds === true ? true : held === false && holds === false ? false : 'unknown';
          }, false);
    if (statement.where !== undefined && result !== false) {
      const holds = conditionHolds(statement.where, names, context);
      result = holds === false ? false : result === true && holds === true ? true : 'unknown';
    }
    return result;
  };
  const [first, second] = statement.args.map((a) => a.value);
  const conditional = [...groupConditions, ...(statement.where === undefined ? [] : [statement.where])].some(
    (condition) => !readsOnlyMetricName(condition, context),
  );
  const edit = (on: 'datapoint' | 'resource', operation: Operation): LabelEdit[] => {
    // A removal under a condition on more than the name may or may not happen: the label stays, and that is said.
    if (conditional && operation.kind !== 'add' && operation.kind !== 'copy')
      unread.push({
        processor: id,
        what: text,
        reason: "its condition reads more than the metric's name, so obsgen treats the label as still there",
      });
    return [{ processor: id, on, applies, operation }];
  };
  switch (statement.editor) {
    case 'delete_key': {
      const on = attributesOf(first, context);
      if (on !== undefined && second?.kind === 'string')
        return edit(on, { kind: 'delete', label: labelName(second.value) });
      break;
    }
    case 'delete_matching_keys':
    case 'keep_matching_keys': {
      const on = attributesOf(first, context);
      if (on !== undefined && second?.kind === 'string')
        return edit(on, {
          kind: statement.editor === 'delete_matching_keys' ? 'delete-matching' : 'keep-matching',
          pattern: new RegExp(second.value.replace(/^\(\?i\)/, ''), second.value.startsWith('(?i)') ? 'i' : ''),
        });
      break;
    }
    case 'keep_keys': {
      const on = attributesOf(first, context);
      const keys = stringList(second);
      if (on !== undefined && keys !== undefined) return edit(on, { kind: 'keep', labels: keys.map(labelName) });
      break;
    }
    case 'set': {
      const target = attributeKey(first, context);
      if (target === undefined) {
        if (first?.kind === 'path' && isMetricName(first, context))
          unread.push({ processor: id, what: text, reason: 'it renames metrics, which obsgen does not follow' });
        return [];
      }
      const source = attributeKey(second, context);
      return edit(
        target.on,
        source !== undefined && source.on === target.on
          ? { kind: 'copy', from: source.key, to: target.key }
          : { kind: 'add', label: target.key },
      );
    }
    case 'aggregate_on_attributes': {
      const keys = stringList(second);
      if (keys !== undefined) return edit('datapoint', { kind: 'keep', labels: keys.map(labelName) });
      if (second === undefined) return edit('datapoint', { kind: 'keep', labels: [] });
      break;
    }
    default:
      return [];
  }
  unread.push({ processor: id, what: text, reason: 'obsgen cannot tell which labels it edits' });
  return [];
}

function transformProcessor(id: string, config: Record<string, unknown>, unread: UnreadLabelEdit[]): LabelEdit[] {
  const edits: LabelEdit[] = [];
  const groups = Array.isArray(config.metric_statements) ? (config.metric_statements as unknown[]) : [];
  const read = (text: string, context: string, conditions: readonly OttlCondition[]): void => {
    try {
      edits.push(...statementEdits(id, parseOttlStatement(text), context, conditions, text, unread));
    } catch (error) {
      if (!(error instanceof OttlSyntaxError)) throw error;
      unread.push({ processor: id, what: text, reason: `obsgen could not read it (${error.message})` });
    }
  };
  for (const group of groups) {
    if (typeof group === 'string') {
      read(group, '', []);
      continue;
    }
    if (typeof group !== 'object' || group === null) continue;
    const entry = group as Record<string, unknown>;
    const context = typeof entry.context === 'string' ? entry.context : '';
    const conditions: OttlCondition[] = [];
    for (const text of Array.isArray(entry.conditions) ? entry.conditions.map(String) : []) {
      try {
        conditions.push(parseOttlCondition(text));
      } catch (error) {
        if (!(error instanceof OttlSyntaxError)) throw error;
        conditions.push({ kind: 'value', value: { kind: 'nil' } });
        unread.push({ processor: id, what: text, reason: `obsgen could not read the condition (${error.message})` });
      }
    }
    for (const text of Array.isArray(entry.statements) ? entry.statements.map(String) : [])
      read(text, context, conditions);
  }
  return edits;
}

function metricsTransformProcessor(
  id: string,
  config: Record<string, unknown>,
  unread: UnreadLabelEdit[],
): LabelEdit[] {
  const edits: LabelEdit[] = [];
  for (const transform of Array.isArray(config.transforms) ? (config.transforms as Record<string, unknown>[]) : []) {
    const include = String(transform.include ?? '');
    if (transform.action !== 'update') {
      // insert and combine add new metrics beside the originals, which keep their labels.
      unread.push({
        processor: id,
        what: `${String(transform.action)} ${include}`,
        reason: 'it creates metrics the catalog does not declare',
      });
      continue;
    }
    if (typeof transform.new_name === 'string')
      unread.push({
        processor: id,
        what: `update ${include}`,
        reason: `it renames the metric to ${transform.new_name}, which obsgen does not follow`,
      });
    const pattern = transform.match_type === 'regexp' ? new RegExp(include) : undefined;
    if (transform.experimental_match_labels !== undefined)
      unread.push({
        processor: id,
        what: `update ${include}`,
        reason: 'it selects data points by label values, so obsgen treats the labels it edits as still there',
      });
    const applies: Applies =
      transform.experimental_match_labels !== undefined
        ? () => 'unknown'
        : (names) => names.some((n) => (pattern === undefined ? n === include : pattern.test(n)));
    for (const operation of Array.isArray(transform.operations)
      ? (transform.operations as Record<string, unknown>[])
      : []) {
      const label = typeof operation.label === 'string' ? labelName(operation.label) : undefined;
      const push = (op: Operation): void => {
        edits.push({ processor: id, on: 'datapoint', applies, operation: op });
      };
      switch (operation.action) {
        case 'update_label':
          if (label !== undefined && typeof operation.new_label === 'string') {
            push({ kind: 'copy', from: label, to: labelName(operation.new_label) });
            push({ kind: 'delete', label });
          }
          break;
        case 'add_label':
          if (typeof operation.new_label === 'string') push({ kind: 'add', label: labelName(operation.new_label) });
          break;
        case 'aggregate_labels':
          if (Array.isArray(operation.label_set))
            push({ kind: 'keep', labels: operation.label_set.map((l) => labelName(String(l))) });
          break;
        // delete_label_value, aggregate_label_values, scaling and type toggles keep the label names.
      }
    }
  }
  return edits;
}

function processorEdits(id: string, config: unknown, unread: UnreadLabelEdit[]): LabelEdit[] {
  if (typeof config !== 'object' || config === null) return [];
  const settings = config as Record<string, unknown>;
  switch (id.split('/')[0]) {
    case 'attributes':
      return attributesProcessor(id, settings, unread);
    case 'resource':
      return resourceProcessor(id, settings);
    case 'transform':
      return transformProcessor(id, settings, unread);
    case 'metricstransform':
      return metricsTransformProcessor(id, settings, unread);
    default:
      return [];
  }
}

/** Applies one pipeline's edits in order; a conditional delete keeps the label (it may be there). */
function applyEdits(
  edits: readonly LabelEdit[],
  names: readonly string[],
  start: { datapoint: readonly string[]; resource: readonly string[] },
  removed: Map<string, string>,
  copiedFrom: Map<string, string>,
): { datapoint: string[]; resource: string[] } {
  const sets = { datapoint: [...start.datapoint], resource: [...start.resource] };
  for (const edit of edits) {
    const applies = edit.applies(names);
    if (applies === false) continue;
    // Resource attributes become labels only where an exporter converts them: obsgen adds none.
    if (edit.on === 'resource' && (edit.operation.kind === 'add' || edit.operation.kind === 'copy')) continue;
    const labels = sets[edit.on];
    const remove = (keep: (label: string) => boolean): void => {
      if (applies !== true) return;
      for (const label of labels.filter((l) => !keep(l))) if (!removed.has(label)) removed.set(label, edit.processor);
      sets[edit.on] = labels.filter(keep);
    };
    const op = edit.operation;
    switch (op.kind) {
      case 'delete':
        remove((l) => l !== op.label);
        break;
      case 'delete-matching':
        remove((l) => !op.pattern.test(l));
        break;
      case 'keep':
        remove((l) => op.labels.includes(l));
        break;
      case 'keep-matching':
        remove((l) => op.pattern.test(l));
        break;
      case 'copy':
        if (labels.includes(op.from) && !labels.includes(op.to)) {
          labels.push(op.to);
          copiedFrom.set(op.to, copiedFrom.get(op.from) ?? op.from);
        }
        break;
      case 'add':
        if (!labels.includes(op.label)) labels.push(op.label);
        break;
    }
  }
  return sets;
}

/** The label edits of a system's collector, on the metrics pipelines that export to Prometheus. */
export function collectorLabelEdits(system: System): CollectorLabelEdits {
  const spec: CollectorSpec<string, string, string, string, string> | undefined = system.collector?.spec;
  const unread: UnreadLabelEdit[] = [];
  const pipelines = new Map(collectorPipelines(system));
  const byProcessor = new Map<string, LabelEdit[]>();
  const chains: LabelEdit[][] = prometheusPipelines(system).map((id) =>
    (pipelines.get(id)?.processors ?? []).flatMap((processor) => {
      let edits = byProcessor.get(processor);
      if (edits === undefined) {
        edits = processorEdits(processor, spec?.processors?.[processor], unread);
        byProcessor.set(processor, edits);
      }
      return edits;
    }),
  );
  return {
    unread,
    edits: chains.some((chain) => chain.length > 0),
    labelsOf(names, labels, targetLabels) {
      if (chains.every((chain) => chain.length === 0))
        return { labels, targetLabels, removed: new Map(), copiedFrom: new Map() };
      // A series may reach Prometheus through any of the pipelines: a label is there if one keeps it.
      const datapoint = new Set<string>();
      const resource = new Set<string>();
      const removedEverywhere = new Map<string, string>();
      const copiedFrom = new Map<string, string>();
      for (const chain of chains) {
        const removed = new Map<string, string>();
        const after = applyEdits(chain, names, { datapoint: labels, resource: targetLabels }, removed, copiedFrom);
        for (const l of after.datapoint) datapoint.add(l);
        for (const l of after.resource) resource.add(l);
        for (const [label, processor] of removed)
          if (!removedEverywhere.has(label)) removedEverywhere.set(label, processor);
      }
      for (const label of [...datapoint, ...resource]) removedEverywhere.delete(label);
      return { labels: [...datapoint], targetLabels: [...resource], removed: removedEverywhere, copiedFrom };
    },
  };
}

/** The names a processor may know a catalog metric by: its OTel name, its series name, the name without _total. */
function metricNames(metric: Metric): string[] {
  const names = [metric.name, ...(metric.otelName === undefined ? [] : [metric.otelName])];
  if (metric.kind === 'counter' && metric.name.endsWith('_total')) names.push(metric.name.slice(0, -'_total'.length));
  return names;
}

/** For a series catalog: each system's metrics' labels after its collector's label edits. */
export function collectorLabelsOf(project: Project): CollectorLabels {
  const bySystem = new Map(project.systems.map((system) => [system, collectorLabelEdits(system)]));
  return (system, metric) => {
    const edits = bySystem.get(system);
    if (edits?.edits !== true) return undefined;
    return edits.labelsOf(metricNames(metric), metric.labels, system.catalog.targetLabels);
  };
}
