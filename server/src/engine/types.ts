/** Shared value types of the engine. Positions are 0-based, UTF-16, like LSP. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open [start, end) span of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface OffsetEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes never change what the workload can do beyond removing the finding; --fix applies only these. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export type PssLevel = 'baseline' | 'restricted';

export interface PssRef {
  level: PssLevel;
  /** The check id used by k8s.io/pod-security-admission (policy/check_*.go). */
  check: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
  pss?: PssRef;
  /** Editor hints: 'unnecessary' greys text out, 'deprecated' strikes it through. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export type FileKind = 'kubernetes' | 'seccomp' | 'falco' | 'config' | 'unknown';
