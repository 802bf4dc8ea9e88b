import { InputError, type InputProblem } from "../model/input-error.js";
import { parseDocument } from "./parse-document.js";
import { readSources, type ReadOptions, type SourceText } from "./read-sources.js";
import { splitDocuments } from "./split-documents.js";
import { toObjects, type LocatedObject } from "./to-objects.js";

/** Loads every object from files, folders and "-" (stdin). Throws one InputError listing every problem. */
export async function loadManifests(paths: string[], options: ReadOptions = {}): Promise<LocatedObject[]> {
  return parseSources(await readSources(paths, options));
}

export function parseSources(sources: SourceText[]): LocatedObject[] {
  const problems: InputProblem[] = [];
  const objects = sources.flatMap((source) => parseSource(source, problems));
  if (problems.length > 0) throw new InputError(problems);
  return objects;
}

function parseSource(source: SourceText, problems: InputProblem[]): LocatedObject[] {
  const docs = source.format === "json" ? [{ text: source.text, line: 1, documentIndex: 0 }] : splitDocuments(source.text);
  return docs.flatMap((doc) => {
    const parsed = parseDocument(source.file, doc, source.format);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      return [];
    }
    const location = {
      file: source.file,
      line: firstContentLine(doc.text, doc.line),
      documentIndex: doc.documentIndex,
      ...(doc.helmSource ? { helmSource: doc.helmSource } : {}),
    };
    return toObjects(parsed.value, location, problems);
  });
}

/** The line of a document's first non-comment, non-blank line: where an editor should jump. */
function firstContentLine(text: string, start: number): number {
  const idx = text.split("\n").findIndex((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  return idx < 0 ? start : start + idx;
}
