import { InputError, type InputProblem } from "../model/input-error.js";
import { LIMIT_FLAGS, limitsOf, type LoadLimits } from "./limits.js";
import { parseDocument } from "./parse-document.js";
import { readLimits, readSources, type ReadOptions, type SourceText } from "./read-sources.js";
import { splitDocuments, type RawDocument } from "./split-documents.js";
import { toObjects, type LocatedObject } from "./to-objects.js";

/** Loads every object from files, folders and "-" (stdin). Throws one InputError listing every problem. */
export async function loadManifests(paths: string[], options: ReadOptions = {}): Promise<LocatedObject[]> {
  return parseSources(await readSources(paths, options), readLimits(options));
}

/** At most this many problems are listed: a broken generator can break a million documents. */
const LISTED_PROBLEMS = 100;

export function parseSources(sources: SourceText[], limits: Partial<LoadLimits> = {}): LocatedObject[] {
  const all = limitsOf(limits);
  const problems: InputProblem[] = [];
  const objects: LocatedObject[] = [];
  let documents = 0;
  for (const source of sources) {
    const docs = source.format === "json" ? [{ text: source.text, line: 1, documentIndex: 0 }] : splitDocuments(source.text);
    documents += docs.length;
    if (documents > all.maxDocuments) {
      throw new InputError([{ file: source.file, message: `more than ${all.maxDocuments} documents on one side of the change (raise with ${LIMIT_FLAGS.maxDocuments})` }]);
    }
    for (const doc of docs) parseOne(source, doc, all, problems, objects);
  }
  if (problems.length > 0) throw new InputError(capped(problems));
  return objects;
}

function parseOne(source: SourceText, doc: RawDocument, limits: LoadLimits, problems: InputProblem[], objects: LocatedObject[]): void {
  const parsed = parseDocument(source.file, doc, source.format, limits);
  if (!parsed.ok) {
    problems.push(parsed.problem);
    return;
  }
  const location = {
    file: source.file,
    line: firstContentLine(doc.text, doc.line),
    documentIndex: doc.documentIndex,
    ...(doc.helmSource ? { helmSource: doc.helmSource } : {}),
  };
  for (const object of toObjects(parsed.value, location, problems)) objects.push(object);
}

function capped(problems: InputProblem[]): InputProblem[] {
  if (problems.length <= LISTED_PROBLEMS) return problems;
  const first = problems[0]!;
  return [...problems.slice(0, LISTED_PROBLEMS), { file: first.file, message: `and ${problems.length - LISTED_PROBLEMS} more problems` }];
}

/** The line of a document's first non-comment, non-blank line: where an editor should jump. */
function firstContentLine(text: string, start: number): number {
  let line = start;
  for (let from = 0; from <= text.length; line++) {
    const end = text.indexOf("\n", from);
    const content = text.slice(from, end < 0 ? text.length : end).trim();
    if (content !== "" && !content.startsWith("#")) return line;
    if (end < 0) break;
    from = end + 1;
  }
  return start;
}
