/** One YAML document of a stream, with the line it starts on and its Helm provenance. */
export interface RawDocument {
  text: string;
  /** 1-based line of the document's first line in the file. */
  line: number;
  documentIndex: number;
  helmSource?: string;
}

const DOC_START = /^---(?:\s|$)/;
const DOC_END = /^\.\.\.\s*$/;
const HELM_SOURCE = /^#\s*Source:\s*(.+?)\s*$/;

/**
 * Splits a multi-document YAML stream on `---`/`...` markers while keeping line numbers,
 * so parse errors and findings can name the line in the original file (js-yaml's loadAll
 * loses the document boundaries).
 */
export function splitDocuments(text: string): RawDocument[] {
  const lines = text.split(/\r?\n/);
  const docs: RawDocument[] = [];
  let current: string[] = [];
  let start = 1;
  const flush = (): void => {
    const body = current.join("\n");
    if (body.trim() !== "") {
      const helmSource = current.map((l) => HELM_SOURCE.exec(l)?.[1]).find((s) => s !== undefined);
      docs.push({ text: body, line: start, documentIndex: docs.length, ...(helmSource ? { helmSource } : {}) });
    }
    current = [];
  };
  lines.forEach((line, i) => {
    if (DOC_START.test(line)) {
      // `%YAML 1.2` / `%TAG` directives belong to the document this marker starts.
      if (directivesOnly(current)) {
        current.push(line);
        return;
      }
      flush();
      start = i + 1;
      // `--- {a: 1}` carries content on the marker line itself.
      const rest = line.slice(3).trim();
      current.push(rest.startsWith("#") ? "" : rest);
      return;
    }
    if (DOC_END.test(line)) {
      flush();
      start = i + 2;
      return;
    }
    if (current.length === 0) start = i + 1;
    current.push(line);
  });
  flush();
  return docs;
}

function directivesOnly(lines: string[]): boolean {
  const content = lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  return content.length > 0 && content.every((l) => l.startsWith("%"));
}
