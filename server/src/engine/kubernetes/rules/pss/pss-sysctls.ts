import { defineKubernetesRule } from '../../../rule';
import { getNode, mapItems, scalarString, type Node } from '../../../documents/yaml';
import { removeSeqItem } from '../../../fixes';
import { describeWorkload } from '../../model';
import { fix } from '../helpers';
import { pssReferences, seqField, suffix } from './common';

/** The safe sets of check_sysctls.go, by the minor version that introduced them. */
const SAFE_SYSCTLS: readonly { since: number; names: readonly string[] }[] = [
  { since: 0, names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'] },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter((entry) => minor >= entry.since).flatMap((entry) => entry.names));
}

export function sysctlIntroducedIn(name: string): number | undefined {
  return SAFE_SYSCTLS.find((entry) => entry.names.includes(name))?.since;
}

export default defineKubernetesRule({
  meta: {
    id: 'pss-sysctls',
    title: 'Only safe sysctls may be set',
    description:
      'Reports entries of `spec.securityContext.sysctls` whose name is not in the safe set of the configured Kubernetes version. The set grows with versions: 1.27 adds `net.ipv4.ip_local_reserved_ports`; 1.29 the TCP keepalive and `tcp_fin_timeout` sysctls; 1.32 `tcp_rmem`/`tcp_wmem`; 1.37 `tcp_slow_start_after_idle` and `tcp_notsent_lowat`. Mirrors the `sysctls` check of the Pod Security Standards baseline level.',
    rationale: 'Sysctls outside the namespaced safe set change kernel behaviour for the whole node or for other pods (memory, scheduling, networking), so one pod could degrade or attack its neighbours.',
    remediation: 'Remove the sysctl, or set it on the node instead (kubelet `--allowed-unsafe-sysctls` and a dedicated node pool, in a namespace with the `privileged` level).',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'sysctls' },
    peers: {
      kubeLinter: ['unsafe-sysctls'],
      trivy: ['KSV026'],
      kubescape: ['C-0211'],
      differences:
        'The safe-sysctl allow-list of the Kubernetes version, as pod-security-admission has it. kube-linter `unsafe-sysctls` uses a prefix deny-list: it reports safe sysctls such as `net.ipv4.ip_unprivileged_port_start` and misses unsafe ones outside its prefixes.',
    },
    references: pssReferences('baseline', 'check_sysctls.go'),
  },
  check(context) {
    const safe = safeSysctls(context.kubernetesMinor);
    for (const workload of context.workloads) {
      const sysctls = seqField(workload.podSecurityContext, 'sysctls');
      if (!sysctls) continue;
      for (const item of mapItems(sysctls.seq)) {
        const nameNode = getNode(item, 'name');
        const name = scalarString(nameNode);
        if (name === undefined || safe.has(name)) continue;
        const introduced = sysctlIntroducedIn(name);
        const note = introduced !== undefined ? ` (it is safe from Kubernetes 1.${introduced}; the configured version is ${context.settings.kubernetesVersion})` : '';
        context.report({
          node: nameNode as Node,
          message: `${describeWorkload(workload)} sets sysctl ${name}, which is not in the safe set${note} ${suffix('baseline', 'sysctls')}.`,
          fixes: [fix(`Remove sysctl ${name} (unsafe: the workload may depend on it)`, false, removeSeqItem(context.file, sysctls.pair, sysctls.seq, item))],
        });
      }
    }
  },
});
