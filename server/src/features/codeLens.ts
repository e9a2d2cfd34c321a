import type { AnalysisResult } from '../engine/analyze';
import { workloadOutline, type WorkloadOutline } from '../engine/kubernetes/analyzer';
import type { LineIndex } from '../engine/text';
import type { Range } from '../engine/types';

export interface WorkloadLens {
  range: Range;
  title: string;
  /** Present when the workload is below restricted: the harden command's arguments are [uri, workloadRange]. */
  harden?: { workloadRange: Range };
}

const TITLES = {
  restricted: 'Pod Security: restricted ✓',
  baseline: 'Pod Security: baseline — harden to restricted',
  privileged: 'Pod Security: privileged — harden to restricted',
} as const;

export function workloadLenses(analysis: AnalysisResult): WorkloadLens[] {
  return outlineLenses(analysis.lines, workloadOutline(analysis.kubernetes));
}

/** The lenses of outlined workloads, in the coordinates of `lines`. */
export function outlineLenses(lines: LineIndex, outline: readonly WorkloadOutline[]): WorkloadLens[] {
  return outline.map((workload) => {
    const lens: WorkloadLens = { range: lines.range(workload.anchor), title: TITLES[workload.level] };
    if (workload.level !== 'restricted' && workload.objectSpan) lens.harden = { workloadRange: lines.range(workload.objectSpan) };
    return lens;
  });
}
