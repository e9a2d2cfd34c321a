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

const RANK = { privileged: 0, baseline: 1, restricted: 2 } as const;

export function workloadLenses(analysis: AnalysisResult): WorkloadLens[] {
  // An object with several pod templates (a JobSet's replicated jobs) gets one lens: the lowest level among them.
  const byObject = new Map<unknown, NonNullable<AnalysisResult['kubernetes']>['summaries'][number]>();
  for (const summary of analysis.kubernetes?.summaries ?? []) {
    const seen = byObject.get(summary.workload.object);
    if (!seen || RANK[summary.level] < RANK[seen.level]) byObject.set(summary.workload.object, summary);
  }
  return [...byObject.values()].map((summary) => {
    const lens: WorkloadLens = { range: analysis.lines.range(summary.anchor), title: TITLES[summary.level] };
    const span = nodeSpan(summary.workload.object.root);
    if (summary.level !== 'restricted' && span) lens.harden = { workloadRange: analysis.lines.range(span) };
    return lens;
  });
}
