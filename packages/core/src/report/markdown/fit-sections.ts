export interface Sections {
  head: string;
  findingsHeader: string;
  findingRows: string[];
  extra: string[];
  changesHeader: string;
  changes: string[];
}

/**
 * Assembles the report within `limit` characters, in priority order: decision, findings, extra
 * sections (routes), then per-resource diffs. What does not fit is counted in a closing note
 * instead of being cut mid-way (a cut code fence would break the rest of the comment).
 */
export function fitSections(s: Sections, limit: number): string {
  const noteReserve = 400;
  const budget = limit - noteReserve;
  let out = s.head;
  let cutFindings = 0;
  let cutExtra = 0;
  let cutChanges = 0;
  if (s.findingRows.length) {
    out += `${s.findingsHeader}\n`;
    for (const row of s.findingRows) {
      if (out.length + row.length + 1 > budget) cutFindings++;
      else out += `${row}\n`;
    }
  }
  for (const section of s.extra) {
    if (out.length + section.length + 2 > budget) cutExtra++;
    else out += `\n${section}\n`;
  }
  if (s.changes.length) {
    if (out.length + s.changesHeader.length < budget) {
      out += s.changesHeader;
      for (const change of s.changes) {
        if (out.length + change.length > budget) cutChanges++;
        else out += change;
      }
    } else cutChanges = s.changes.length;
  }
  const cut = [
    cutFindings ? `${cutFindings} finding(s)` : "",
    cutExtra ? `${cutExtra} section(s)` : "",
    cutChanges ? `${cutChanges} resource diff(s)` : "",
  ].filter(Boolean);
  if (cut.length) out += `\n> **Cut to stay under ${limit} characters:** ${cut.join(", ")}. The JSON report has everything.\n`;
  return out;
}
