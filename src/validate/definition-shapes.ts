import type { Finding } from '../finding.ts';
import { definitionInputOf, type DefinitionInput } from '../model/input/definition-input.ts';
import { shapeProblems, type ShapeProblem } from '../model/input/shape-problems.ts';
import { isQueryLike } from '../model/query-like.ts';
import { isDefinitionLocation } from '../model/source-location.ts';
import type { Project } from '../model/system.ts';

const UNKNOWN_KEY_RULE = 'definition/unknown-key';
const MISSING_VALUE_RULE = 'definition/missing-value';
const WRONG_TYPE_RULE = 'definition/wrong-type';

/**
 * The validation stage: every object a public constructor made, reachable from the project, held
 * to its constructor's shape. One mechanism for every constructor (each declares its shape beside
 * it, typed against its interface), so no key a user writes is dropped in silence.
 *
 * It walks the project's object graph once (the constructors' results and the arguments they
 * were given) and reports each constructor call once, at the line it was written.
 */
export function definitionShapeFindings(project: Project): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, system: string | undefined): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isDefinitionLocation(value) || value instanceof Map || value instanceof Set) return;
    const input = definitionInputOf(value);
    let owner = system;
    if (input !== undefined) {
      owner = systemOf(input, value) ?? system;
      findings.push(...inputFindings(input, owner));
      // Arguments that are objects a user wrote can hold results its own result dropped.
      if (input.shape.parameters.some((parameter) => parameter.shape.kind !== 'any'))
        for (const arg of input.args) visit(arg, owner);
    }
    if (isQueryLike(value)) return;
    for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item, owner);
  };
  visit(project, undefined);
  return findings;
}

/** Constructors that name a system: what they hold belongs to it. */
function systemOf(input: DefinitionInput, made: object): string | undefined {
  const { constructor } = input.shape;
  if (constructor !== 'system' && constructor !== 'catalog') return undefined;
  const name = (made as { readonly name?: unknown; readonly system?: unknown })[
    constructor === 'system' ? 'name' : 'system'
  ];
  return typeof name === 'string' ? name : undefined;
}

function inputFindings(input: DefinitionInput, system: string | undefined): Finding[] {
  const { constructor, parameters } = input.shape;
  const problems = parameters.flatMap((parameter, index) =>
    oneCauseEach(shapeProblems(input.args[index], parameter.shape)),
  );
  if (problems.length === 0) return [];
  const name = typeof input.args[0] === 'string' ? input.args[0] : undefined;
  const call = name === undefined ? `${constructor}()` : `${constructor}(${JSON.stringify(name)})`;
  const subject = `${system ?? 'project'}/${constructor}${name === undefined ? '' : `/${name}`}`;
  return problems.map((problem) => problemFinding(problem, call, subject, input));
}

/** A misspelt required key is one mistake: the unknown key says what it meant, the missing one goes. */
function oneCauseEach(problems: readonly ShapeProblem[]): ShapeProblem[] {
  const place = (problem: ShapeProblem, key: string | undefined) => `${problem.path.join('.')}#${key}`;
  const meant = new Set(
    problems.filter((problem) => problem.kind === 'unknown-key').map((problem) => place(problem, problem.suggestion)),
  );
  return problems.filter((problem) => problem.kind !== 'missing-value' || !meant.has(place(problem, problem.key)));
}

function problemFinding(problem: ShapeProblem, call: string, subject: string, input: DefinitionInput): Finding {
  const where = [...problem.path, problem.key].join('.');
  if (problem.kind === 'missing-value')
    return {
      rule: MISSING_VALUE_RULE,
      severity: 'error',
      message: `${call}: ${where} is required (${problem.what} without it cannot be compiled).`,
      subject,
      at: input.at,
      hint: `Give ${problem.key} a value.`,
    };
  if (problem.kind === 'wrong-type')
    return {
      rule: WRONG_TYPE_RULE,
      severity: 'error',
      message: `${call}: ${where} takes text, not ${problem.given ?? 'this value'}.`,
      subject,
      at: input.at,
      hint:
        problem.key === 'url'
          ? 'Write the URL as a string; a token in it goes in as a ${NAME} placeholder replaced at deploy time.'
          : `Give ${problem.key} a string.`,
    };
  const meant = problem.suggestion === undefined ? '' : ` (did you mean ${problem.suggestion}?)`;
  return {
    rule: UNKNOWN_KEY_RULE,
    severity: 'error',
    message: `${call}: ${where} is not a key of ${problem.what}${meant}; obsgen would ignore it.`,
    subject,
    at: input.at,
    hint:
      problem.suggestion !== undefined
        ? `Rename it to ${problem.suggestion}.`
        : `Remove it; ${problem.what} has ${problem.known.length === 0 ? 'no keys' : `the keys ${problem.known.join(', ')}`}.`,
  };
}
