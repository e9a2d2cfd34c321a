// Features on an incremental analysis: each request goes to the document (part) it concerns, in that part's own
// coordinates, and the answer's ranges are moved back to the file's lines.
import type { IncrementalResult } from '../engine/incremental';
import { shiftRange } from '../engine/incremental';
import type { Position, Range, TextEdit } from '../engine/types';
import { quickFixes, workloadRangeAt, type ActionData, type DiagnosticRef } from './codeActions';
import { outlineLenses, type WorkloadLens } from './codeLens';
import { hover, type HoverInfo } from './hover';

function shiftEdits(edits: readonly TextEdit[], lines: number): TextEdit[] {
  return edits.map((edit) => ({ range: shiftRange(edit.range, lines), newText: edit.newText }));
}

export function quickFixesOf(analysis: IncrementalResult, diagnostics: readonly DiagnosticRef[]): ActionData[] {
  return diagnostics.flatMap((diagnostic) => {
    const part = analysis.partAtLine(diagnostic.range.start.line);
    return quickFixes(part.result, [{ ruleId: diagnostic.ruleId, range: shiftRange(diagnostic.range, -part.line) }]).map((action) => ({
      ...action,
      edits: shiftEdits(action.edits, part.line),
      diagnostic,
    }));
  });
}

/** The workload around `range` (or the file's first one), as a file range. */
export function workloadRangeOf(analysis: IncrementalResult, range?: Range): Range | undefined {
  if (range) {
    const part = analysis.partAtLine(range.start.line);
    const found = workloadRangeAt(part.result, shiftRange(range, -part.line));
    return found && shiftRange(found, part.line);
  }
  for (const part of analysis.parts()) {
    // Parts without workloads are skipped without parsing them again.
    if (part.outline.length === 0) continue;
    const found = workloadRangeAt(part.result);
    if (found) return shiftRange(found, part.line);
  }
  return undefined;
}

export function lensesOf(analysis: IncrementalResult): WorkloadLens[] {
  return analysis.parts().flatMap((part) =>
    // From each part's outline: a CodeLens request must not parse every document of a big file again.
    outlineLenses(part.result.lines, part.outline).map((lens) => ({
      ...lens,
      range: shiftRange(lens.range, part.line),
      ...(lens.harden ? { harden: { workloadRange: shiftRange(lens.harden.workloadRange, part.line) } } : {}),
    })),
  );
}

export function hoverOf(analysis: IncrementalResult, position: Position): HoverInfo | undefined {
  const part = analysis.partAtLine(position.line);
  return hover(part.result, part.result.lines.offsetAt({ line: position.line - part.line, character: position.character }));
}
