import type { LinearModel, LinearTerm } from './linear-model.ts';

const termsPerLine = 8;

/**
 * The model in CPLEX LP format, as HiGHS, CPLEX, Gurobi, CBC and GLPK read it: `Minimize`, `Subject To`,
 * `Bounds`, `Binary`, `End`. Long expressions are wrapped over several lines.
 */
export function lpText(model: LinearModel): string {
  const lines: string[] = ['\\ Lockstep sequencing model', 'Minimize'];
  const objective =
    model.objective.length > 0
      ? model.objective
      : [{ variable: model.variables[0]?.name ?? 'zero', coefficient: 0 }];
  lines.push(...expression('obj', objective, ''));
  lines.push('Subject To');
  for (const constraint of model.constraints) {
    const rhs = `${constraint.sense} ${formatNumber(constraint.rhs)}`;
    if (constraint.terms.length === 0) {
      lines.push(
        ...expression(constraint.name, [{ variable: model.variables[0]!.name, coefficient: 0 }], rhs),
      );
    } else {
      lines.push(...expression(constraint.name, constraint.terms, rhs));
    }
  }
  lines.push('Bounds');
  for (const variable of model.variables) {
    const upper = variable.upper === Number.POSITIVE_INFINITY ? '+inf' : formatNumber(variable.upper);
    const lower = variable.lower === Number.NEGATIVE_INFINITY ? '-inf' : formatNumber(variable.lower);
    lines.push(` ${lower} <= ${variable.name} <= ${upper}`);
  }
  const binaries = model.variables.filter((v) => v.type === 'binary').map((v) => v.name);
  if (binaries.length > 0) {
    lines.push('Binary');
    for (let i = 0; i < binaries.length; i += termsPerLine) {
      lines.push(` ${binaries.slice(i, i + termsPerLine).join(' ')}`);
    }
  }
  lines.push('End', '');
  return lines.join('\n');
}

function expression(name: string, terms: readonly LinearTerm[], tail: string): string[] {
  const parts = terms.map((term, i) => {
    const sign = term.coefficient < 0 ? '-' : '+';
    const body = `${formatNumber(Math.abs(term.coefficient))} ${term.variable}`;
    return i === 0 && sign === '+' ? body : `${sign} ${body}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += termsPerLine) {
    const chunk = parts.slice(i, i + termsPerLine).join(' ');
    lines.push(i === 0 ? ` ${name}: ${chunk}` : `   ${chunk}`);
  }
  if (tail !== '') lines[lines.length - 1] += ` ${tail}`;
  return lines;
}

/** Plain decimal or exponent notation, both of which the LP format accepts; never `NaN` or `Infinity`. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`LP text: ${value} is not a finite number`);
  return String(value);
}
