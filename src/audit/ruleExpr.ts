/**
 * A rule's scheme expression, parsed without eval: `normal(0, 0.02/sqrt(2*n_layer))`, `ones`,
 * `zeros`, `constant(0.5)`, `uniform(-0.1, 0.1)`, `kaiming-uniform(a=sqrt(5))`,
 * `kaiming-normal(nonlinearity=relu, mode=fan_out)`, `xavier-uniform(gain=1)`,
 * `trunc-normal(0, 0.02, -2, 2)`, `orthogonal(gain)`, `tfjs:glorotNormal`, `skip`.
 * Arguments are arithmetic (+ − × / ^, sqrt, log, exp) over numbers and the architecture's
 * constants (n_layer, hidden_size, initializer_range, fan_in, fan_out, …); a bare word that is
 * not a constant is a string (relu, fan_out).
 */
export interface SchemeCall {
  scheme: string;
  positional: Array<number | string>;
  named: Record<string, number | string>;
  text: string;
}

export class RuleError extends Error {
  override name = 'RuleError';
}

type Token = { kind: 'num' | 'word' | 'op'; text: string };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|([A-Za-z_][\w.:-]*)|([-+*/^(),=]))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length && (m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'word', text: m[2] });
    else out.push({ kind: 'op', text: m[3] as string });
    at = re.lastIndex;
  }
  if (text.slice(at).trim() !== '') throw new RuleError(`rule "${text}": cannot read "${text.slice(at).trim()}"`);
  return out;
}

const FUNCTIONS: Record<string, (x: number) => number> = { sqrt: Math.sqrt, log: Math.log, exp: Math.exp, abs: Math.abs };

/** Parses `text` and evaluates its arguments with `constants`; unknown names in arithmetic are errors naming them. */
export function parseRule(text: string, constants: Readonly<Record<string, number>>): SchemeCall {
  const ts = tokens(text);
  let i = 0;
  const peek = () => ts[i];
  const take = (expected?: string) => {
    const t = ts[i++];
    if (t === undefined || (expected !== undefined && t.text !== expected))
      throw new RuleError(`rule "${text}": expected ${expected ?? 'more'} ${t ? `at "${t.text}"` : 'at the end'}`);
    return t;
  };
  // expr := term (('+'|'-') term)*; term := power (('*'|'/') power)*; power := unary ('^' power)?
  const expr = (): number | string => {
    let value = term();
    while (peek()?.text === '+' || peek()?.text === '-') {
      const op = take().text;
      const right = term();
      value = arith(value, right, op);
    }
    return value;
  };
  const term = (): number | string => {
    let value = power();
    while (peek()?.text === '*' || peek()?.text === '/') {
      const op = take().text;
      value = arith(value, power(), op);
    }
    return value;
  };
  const power = (): number | string => {
    const base = unary();
    if (peek()?.text === '^') {
      take();
      return arith(base, power(), '^');
    }
    return base;
  };
  const unary = (): number | string => {
    if (peek()?.text === '-') {
      take();
      return arith(0, unary(), '-');
    }
    const t = take();
    if (t.kind === 'num') return Number(t.text);
    if (t.text === '(') {
      const v = expr();
      take(')');
      return v;
    }
    if (t.kind === 'word') {
      const fn = FUNCTIONS[t.text];
      if (fn && peek()?.text === '(') {
        take('(');
        const v = expr();
        take(')');
        return fn(number(v, t.text));
      }
      return t.text in constants ? (constants[t.text] as number) : t.text;
    }
    throw new RuleError(`rule "${text}": unexpected "${t.text}"`);
  };
  const number = (v: number | string, where: string): number => {
    if (typeof v === 'number') return v;
    throw new RuleError(
      `rule "${text}": "${v}" in ${where} is not a number or a known constant (${Object.keys(constants).join(', ') || 'none'})`,
    );
  };
  const arith = (a: number | string, b: number | string, op: string): number => {
    const x = number(a, op);
    const y = number(b, op);
    return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x ** y;
  };

  const head = take();
  if (head.kind !== 'word') throw new RuleError(`rule "${text}": a rule starts with a scheme name`);
  const call: SchemeCall = { scheme: head.text, positional: [], named: {}, text };
  if (peek()?.text === '(') {
    take('(');
    while (peek() !== undefined && peek()?.text !== ')') {
      if (peek()?.kind === 'word' && ts[i + 1]?.text === '=') {
        const key = take().text;
        take('=');
        call.named[key] = expr();
      } else call.positional.push(expr());
      if (peek()?.text === ',') take(',');
      else break;
    }
    take(')');
  }
  if (i !== ts.length) throw new RuleError(`rule "${text}": unexpected "${ts[i]?.text}" after the scheme`);
  return call;
}
