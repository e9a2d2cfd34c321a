import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import type { YAMLMap } from '../../../documents/yaml';
import { readMap, readString } from '../../values';
import { forEachSecurityContext, pssReferences, since, suffix } from './common';

const TYPES_1_0 = ['container_t', 'container_init_t', 'container_kvm_t'];
/** container_engine_t is allowed from 1.31 (selinuxAllowedTypes1_31). */
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];
const CHECK = suffix('baseline', 'seLinuxOptions');

export default defineKubernetesRule({
  meta: {
    id: 'pss-selinux',
    title: 'SELinux options must not escalate',
    description:
      'Reports `seLinuxOptions` in the pod or container `securityContext` (containers, init and ephemeral containers) whose `type` is not empty, `container_t`, `container_init_t`, `container_kvm_t` or (from Kubernetes 1.31) `container_engine_t`, or that set `user` or `role`. Mirrors the `seLinuxOptions` check of the Pod Security Standards baseline level.',
    rationale: 'The SELinux type decides what the container process may touch on the host. Types such as `spc_t` (super-privileged container) or `unconfined_t`, or a custom user/role, lift the confinement that keeps a compromised container away from host files and processes.',
    remediation: 'Remove `seLinuxOptions`, or keep only `level` (for MCS categories) and one of the allowed container types.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'none',
    pss: { level: 'baseline', check: 'seLinuxOptions' },
    peers: {
      trivy: ['KSV025'],
      differences:
        'The allowed types follow the Kubernetes version (`container_engine_t` from 1.31). Trivy `KSV025` lacks `container_engine_t` and fails empty `user`/`role` keys.',
    },
    references: pssReferences('baseline', 'check_seLinuxOptions.go'),
  },
  check(context) {
    const allowed = since(context, 31) ? TYPES_1_31 : TYPES_1_0;
    for (const workload of context.workloads) {
      forEachSecurityContext(workload, (securityContext, who) => check(context, securityContext, who, allowed));
    }
  },
});

function check(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string, allowed: readonly string[]): void {
  const options = readMap(context.file, securityContext, 'seLinuxOptions');
  if (options.state !== 'map') return;
  const type = readString(context.file, options.map, 'type');
  if (type.state === 'value' && type.value !== '' && !allowed.includes(type.value)) {
    context.report({ pair: type.pair, message: `${who} sets SELinux type "${type.value}"; allowed are ${allowed.join(', ')} or none ${CHECK}.` });
  }
  for (const field of ['user', 'role'] as const) {
    const read = readString(context.file, options.map, field);
    if (read.state === 'value' && read.value !== '') context.report({ pair: read.pair, message: `${who} sets seLinuxOptions.${field} ("${read.value}"), which must not be set ${CHECK}.` });
  }
}
