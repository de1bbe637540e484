import type { Binary, Expr } from './ast.ts';

// AST nodes made by code (SLO rules, computed recordings), where the typed builder's label types do not apply.
export const numberNode = (value: number): Expr => ({ type: 'number', value });
export const stringNode = (value: string): Expr => ({ type: 'string', value });
export const parenNode = (expr: Expr): Expr => ({ type: 'paren', expr });
export const callNode = (func: string, args: readonly Expr[]): Expr => ({ type: 'call', func, args });
export const binaryNode = (op: Binary['op'], lhs: Expr, rhs: Expr, extra: Partial<Binary> = {}): Expr => ({
  type: 'binary',
  op,
  lhs,
  rhs,
  bool: false,
  ...extra,
});
