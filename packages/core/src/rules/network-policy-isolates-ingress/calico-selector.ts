/**
 * Calico selector expressions (projectcalico.org policy `selector`, `namespaceSelector`,
 * `source.selector`): `all()`, `global()`, `has(k)`, `k == 'v'`, `k != 'v'`, `k in {'a','b'}`,
 * `k not in {...}`, `k contains 'v'`, `k starts with 'v'`, `k ends with 'v'`, `!`, `&&`, `||`
 * and parentheses. A selector this reader cannot parse throws CalicoSelectorError, so callers can
 * treat it as "unknown" instead of guessing.
 */
export type Labels = Record<string, string>;
export type CalicoSelector = (labels: Labels) => boolean;

export class CalicoSelectorError extends Error {}

type Token = { kind: "op" | "str" | "word"; text: string };

const TOKEN = /\s*(?:(&&|\|\||==|!=|[!(){},])|"([^"]*)"|'([^']*)'|([A-Za-z0-9_./-]+))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new CalicoSelectorError(`cannot read selector "${text}" at ${start}`);
    if (m[1] !== undefined) tokens.push({ kind: "op", text: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: "str", text: m[2] ?? m[3]! });
    else tokens.push({ kind: "word", text: m[4]! });
  }
  return tokens;
}

/** Parses a selector; an empty string selects everything, as Calico's default `all()` does. */
export function parseCalicoSelector(text: string | undefined): CalicoSelector {
  const tokens = tokenize(text ?? "");
  if (tokens.length === 0) return () => true;
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (what: string): never => {
    throw new CalicoSelectorError(`selector "${text}": expected ${what} at token ${pos + 1}`);
  };
  const take = (kind: Token["kind"], literal?: string): string => {
    const t = tokens[pos];
    if (!t || t.kind !== kind || (literal !== undefined && t.text !== literal)) return fail(literal ?? kind);
    pos++;
    return t.text;
  };
  const isOp = (literal: string): boolean => peek()?.kind === "op" && peek()!.text === literal;
  const isWord = (literal: string, at = pos): boolean => tokens[at]?.kind === "word" && tokens[at]!.text === literal;

  const or = (): CalicoSelector => {
    const parts = [and()];
    while (isOp("||")) { pos++; parts.push(and()); }
    return parts.length === 1 ? parts[0]! : (l) => parts.some((p) => p(l));
  };
  const and = (): CalicoSelector => {
    const parts = [unary()];
    while (isOp("&&")) { pos++; parts.push(unary()); }
    return parts.length === 1 ? parts[0]! : (l) => parts.every((p) => p(l));
  };
  const unary = (): CalicoSelector => {
    if (isOp("!")) { pos++; const inner = unary(); return (l) => !inner(l); }
    if (isOp("(")) { pos++; const inner = or(); take("op", ")"); return inner; }
    return term();
  };
  const set = (): Set<string> => {
    take("op", "{");
    const values = new Set<string>();
    while (!isOp("}")) {
      values.add(take("str"));
      if (!isOp("}")) take("op", ",");
    }
    pos++;
    return values;
  };
  const call = (): void => { take("op", "("); take("op", ")"); };
  const term = (): CalicoSelector => {
    if (isWord("all") && tokens[pos + 1]?.text === "(") { pos++; call(); return () => true; }
    // global() matches non-namespaced endpoints (host endpoints, global sets), never a pod or namespace.
    if (isWord("global") && tokens[pos + 1]?.text === "(") { pos++; call(); return () => false; }
    if (isWord("has") && tokens[pos + 1]?.text === "(") {
      pos++;
      take("op", "(");
      const key = take("word");
      take("op", ")");
      return (l) => Object.prototype.hasOwnProperty.call(l, key);
    }
    const key = take("word");
    const has = (l: Labels): boolean => Object.prototype.hasOwnProperty.call(l, key);
    if (isOp("==")) { pos++; const v = take("str"); return (l) => has(l) && l[key] === v; }
    if (isOp("!=")) { pos++; const v = take("str"); return (l) => !has(l) || l[key] !== v; }
    if (isWord("in")) { pos++; const s = set(); return (l) => has(l) && s.has(l[key]!); }
    if (isWord("not") && isWord("in", pos + 1)) { pos += 2; const s = set(); return (l) => !has(l) || !s.has(l[key]!); }
    if (isWord("contains")) { pos++; const v = take("str"); return (l) => has(l) && l[key]!.includes(v); }
    if (isWord("starts") && isWord("with", pos + 1)) { pos += 2; const v = take("str"); return (l) => has(l) && l[key]!.startsWith(v); }
    if (isWord("ends") && isWord("with", pos + 1)) { pos += 2; const v = take("str"); return (l) => has(l) && l[key]!.endsWith(v); }
    return fail("an operator after key");
  };

  const selector = or();
  if (pos !== tokens.length) fail("end of selector");
  return selector;
}
