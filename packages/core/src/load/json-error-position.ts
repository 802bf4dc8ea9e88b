/**
 * The offset where a JSON text stops being valid. V8's SyntaxError messages quote about ten
 * characters of the input ("Unexpected token 's', "{"a": secre"... is not valid JSON") and often
 * give no position, so errors are rebuilt from this scan instead: position, never content.
 * Iterative (an explicit stack), so hostile nesting cannot overflow the call stack.
 */
export function jsonErrorOffset(text: string): number {
  let i = skipSpace(text, 0);
  const stack: Array<"{" | "["> = [];
  // "value" expects a value; "after" expects , or a closer; "key" expects a string key or }.
  let want: "value" | "after" | "key" | "first-value" = "value";
  for (;;) {
    if (want === "value" || want === "first-value") {
      if (i >= text.length) return i;
      const c = text[i]!;
      if (want === "first-value" && c === "]") {
        stack.pop();
        i = skipSpace(text, i + 1);
        want = "after";
      } else if (c === "{") {
        stack.push("{");
        i = skipSpace(text, i + 1);
        if (text[i] === "}") {
          stack.pop();
          i = skipSpace(text, i + 1);
          want = "after";
        } else want = "key";
      } else if (c === "[") {
        stack.push("[");
        i = skipSpace(text, i + 1);
        want = "first-value";
      } else {
        const end = scalarEnd(text, i);
        if (end < 0) return -end - 1;
        i = skipSpace(text, end);
        want = "after";
      }
      continue;
    }
    if (want === "key") {
      if (text[i] !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = skipSpace(text, end);
      if (text[i] !== ":") return i;
      i = skipSpace(text, i + 1);
      want = "value";
      continue;
    }
    // after a value
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? i : -1;
    const c = text[i];
    if (c === ",") {
      i = skipSpace(text, i + 1);
      want = top === "{" ? "key" : "value";
    } else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
      stack.pop();
      i = skipSpace(text, i + 1);
    } else return i;
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  return i;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** End of a string, number or literal at i; a negative -(offset+1) where it breaks. */
function scalarEnd(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i);
  for (const literal of ["true", "false", "null"]) if (text.startsWith(literal, i)) return i + literal.length;
  NUMBER.lastIndex = i;
  return NUMBER.test(text) ? NUMBER.lastIndex : -(i + 1);
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -(i + 1);
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i++;
      else return -(i + 1);
    }
  }
  return -(text.length + 1);
}

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
