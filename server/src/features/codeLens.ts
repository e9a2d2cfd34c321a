import type { AnalysisResult } from '../engine/analyze';
import { nodeSpan } from '../engine/documents/yaml';
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
  const summaries = analysis.kubernetes?.summaries ?? [];
  return summaries.map((summary) => {
    const lens: WorkloadLens = { range: analysis.lines.range(summary.anchor), title: TITLES[summary.level] };
    const span = nodeSpan(summary.workload.object.root);
    if (summary.level !== 'restricted' && span) lens.harden = { workloadRange: analysis.lines.range(span) };
    return lens;
  });
}
