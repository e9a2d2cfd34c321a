// Shared pieces of the Pod Security Standards rules. Each rule mirrors one check of k8s.io/pod-security-admission
// (policy/check_*.go); the version gates and exemptions below are theirs.
import { getMap, getPair, getSeq, type Node, type Pair, type YAMLMap, type YAMLSeq, type YamlFile } from '../../../documents/yaml';
import type { FixInput, KubernetesRuleContext, RuleMeta } from '../../../rule';
import { containerAnchor, describeContainer, describeWorkload, isWindowsPod, workloadAnchor, type Container, type Workload } from '../../model';
import { readBool } from '../../values';

export const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

export function pssReferences(level: 'baseline' | 'restricted', checkFile: string): NonNullable<RuleMeta['references']> {
  return [
    { title: `Pod Security Standards: ${level}`, url: `${PSS_DOC}#${level}` },
    { title: `pod-security-admission ${checkFile}`, url: `https://github.com/kubernetes/pod-security-admission/blob/master/policy/${checkFile}` },
  ];
}

/** True when the configured Kubernetes version has this check variant (`latest` has all). */
export function since(context: KubernetesRuleContext, minor: number): boolean {
  return context.kubernetesMinor >= minor;
}

/** `spec.hostUsers: false`: the pod runs in a user namespace; PSA relaxes some checks for it from 1.35 on. */
export function inUserNamespace(file: YamlFile, workload: Workload): boolean {
  const read = readBool(file, workload.podSpec, 'hostUsers');
  return read.state === 'value' && read.value === false;
}

/**
 * At level restricted some restricted checks replace their baseline check (OverrideCheckIDs) and exempt Windows
 * pods from 1.25 on, so the baseline check's Windows findings disappear too.
 */
export function restrictedExemptsWindows(context: KubernetesRuleContext, workload: Workload, minor = 25): boolean {
  return context.settings.pssLevel === 'restricted' && since(context, minor) && isWindowsPod(workload);
}

export function suffix(level: 'baseline' | 'restricted', check: string): string {
  return `(Pod Security ${level}: ${check})`;
}

export interface SeqField {
  pair: Pair;
  seq: YAMLSeq;
}

/** `key: [...]` under a map, with its pair, when it is a sequence. */
export function seqField(map: YAMLMap | undefined, key: string): SeqField | undefined {
  const pair = getPair(map, key);
  const seq = getSeq(map, key);
  return pair && seq ? { pair, seq } : undefined;
}

export function capabilities(container: { securityContext?: YAMLMap }): YAMLMap | undefined {
  return getMap(container.securityContext, 'capabilities');
}

export type { Node };

/**
 * Reports containers that miss a setting best made once at pod level: one finding on the workload when none of
 * its containers has it, else one per container (so the range shows which ones).
 */
export function reportUnset(
  context: KubernetesRuleContext,
  workload: Workload,
  unset: readonly Container[],
  message: (who: string) => string,
  fixes: FixInput[],
): void {
  if (unset.length === 0 || workload.templated) return;
  if (unset.length === workload.containers.length) {
    const who = workload.containers.length === 1 ? `${describeWorkload(workload)} (${describeContainer(unset[0])})` : `${describeWorkload(workload)} (all ${unset.length} containers)`;
    context.report({ node: workloadAnchor(workload), message: message(who), fixes });
    return;
  }
  for (const container of unset) context.report({ node: containerAnchor(container), message: message(describeContainer(container)), fixes });
}

/** Visits the pod-level securityContext, then each container's (init, regular, ephemeral), naming its owner. */
export function forEachSecurityContext(workload: Workload, visit: (securityContext: YAMLMap | undefined, who: string) => void): void {
  visit(workload.podSecurityContext, describeWorkload(workload));
  for (const container of workload.containers) visit(container.securityContext, describeContainer(container));
}
