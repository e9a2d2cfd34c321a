import type { ResolvedSettings } from '../config';
import type { RuleMeta } from '../rule';
import type { OffsetEdit, Severity, Span } from '../types';
import type { SeccompProfile } from './profile';
import type { TreeNode } from './tree';

export interface SeccompFixInput {
  title: string;
  safe: boolean;
  /** An undefined edit (a shape the fixer cannot edit safely) drops the fix. */
  edits: (OffsetEdit | undefined)[];
}

export interface SeccompReport {
  node?: TreeNode;
  span?: Span;
  message: string;
  severity?: Severity;
  fixes?: SeccompFixInput[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface SeccompRuleContext {
  text: string;
  profile: SeccompProfile;
  settings: ResolvedSettings;
  report(finding: SeccompReport): void;
}

export interface SeccompRule {
  meta: RuleMeta;
  check(context: SeccompRuleContext): void;
}

export function defineSeccompRule(rule: SeccompRule): SeccompRule {
  return rule;
}

/** Where each statement about runtimes comes from (shown on every seccomp rule page). */
export const FORMAT_SOURCES: NonNullable<RuleMeta['references']> = [
  { title: 'OCI runtime-spec: Linux seccomp', url: 'https://github.com/opencontainers/runtime-spec/blob/main/config-linux.md#seccomp' },
  { title: 'runc libcontainer/seccomp', url: 'https://github.com/opencontainers/runc/tree/main/libcontainer/seccomp' },
  { title: 'crun src/libcrun/seccomp.c', url: 'https://github.com/containers/crun/blob/main/src/libcrun/seccomp.c' },
  { title: 'libseccomp', url: 'https://github.com/seccomp/libseccomp' },
];
