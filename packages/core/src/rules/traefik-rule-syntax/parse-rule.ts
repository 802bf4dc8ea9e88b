/**
 * The matcher calls of a Traefik rule ("Host(`a`) && (PathPrefix(`/x`) || !Method(`GET`))"):
 * names and their quoted arguments, whatever operators join them. Both syntaxes share this
 * grammar (backtick or double-quoted Go strings, && || ! and parentheses); what differs between
 * v2 and v3 is which matchers exist, how many arguments each takes and what the values mean.
 */
export interface MatcherCall {
  name: string;
  args: string[];
}

export type ParsedRule = { calls: MatcherCall[] } | { error: string };

export function parseTraefikRule(rule: string): ParsedRule {
  const calls: MatcherCall[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < rule.length && /\s/.test(rule[i]!)) i++;
  };
  while (i < rule.length) {
    skipSpace();
    if (i >= rule.length) break;
    const rest = rule.slice(i);
    const operator = /^(&&|\|\||!|\(|\))/.exec(rest);
    if (operator) {
      i += operator[0].length;
      continue;
    }
    const name = /^[A-Za-z][A-Za-z0-9]*/.exec(rest)?.[0];
    if (!name) return { error: `unexpected ${JSON.stringify(rule[i])} at position ${i}` };
    i += name.length;
    skipSpace();
    if (rule[i] !== "(") return { error: `${name} is not followed by "("` };
    i++;
    const args: string[] = [];
    for (;;) {
      skipSpace();
      if (rule[i] === ")") break;
      const quote = rule[i];
      if (quote !== "`" && quote !== '"') return { error: `${name}: arguments must be quoted with backticks or double quotes` };
      const end = closingQuote(rule, i + 1, quote);
      if (end < 0) return { error: `${name}: unterminated string` };
      args.push(rule.slice(i + 1, end).replace(/\\"/g, '"'));
      i = end + 1;
      skipSpace();
      if (rule[i] === ",") i++;
      else if (rule[i] !== ")") return { error: `${name}: expected "," or ")" after an argument` };
    }
    i++;
    calls.push({ name, args });
  }
  return { calls };
}

function closingQuote(rule: string, from: number, quote: string): number {
  for (let j = from; j < rule.length; j++) {
    if (quote === '"' && rule[j] === "\\") j++;
    else if (rule[j] === quote) return j;
  }
  return -1;
}
