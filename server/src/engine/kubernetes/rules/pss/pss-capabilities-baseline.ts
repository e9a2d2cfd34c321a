import { defineKubernetesRule } from '../../../rule';
import { removeSeqItem } from '../../../fixes';
import { stringItems } from '../../../documents/yaml';
import { CAPABILITIES, normalizeCapability } from '../../capabilities';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { capabilities, pssReferences, restrictedExemptsWindows, seqField, suffix } from './common';

/** capabilities_allowed_1_0 in check_capabilities_baseline.go: compared exactly, as the check does. */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export default defineKubernetesRule({
  meta: {
    id: 'pss-capabilities-baseline',
    title: 'Only default capabilities may be added',
    description:
      'Reports entries of `securityContext.capabilities.add` outside the container runtime default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), in containers, init and ephemeral containers. Names are compared exactly as the admission check compares them, so `sys_admin` or `CAP_SYS_ADMIN` are reported too. Mirrors the `capabilities_baseline` check.',
    rationale:
      'Capabilities beyond the default set (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, …) give root in the container powers over the node kernel: mounting filesystems, loading modules, tracing other processes, forging packets. Most container escapes start from one of them.',
    remediation: 'Remove the capability. If the workload truly needs it, grant only that one, document why, and run it in a namespace with the `privileged` level.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'capabilities_baseline' },
    peers: {
      trivy: ['KSV022'],
      checkov: ['CKV_K8S_25'],
      differences:
        'Only capabilities outside the runtime default set are reported, as in the baseline level. Trivy `KSV022` and Checkov `CKV_K8S_25` fail any added capability; that stricter view is [pss-capabilities-restricted](pss-capabilities-restricted.md) here.',
    },
    references: pssReferences('baseline', 'check_capabilities_baseline.go'),
  },
  check(context) {
    forEachContainer(context, (workload, container) => {
      if (restrictedExemptsWindows(context, workload)) return;
      const add = seqField(capabilities(container), 'add');
      if (!add) return;
      for (const item of stringItems(add.seq)) {
        if (BASELINE_ALLOWED_CAPABILITIES.has(item.value)) continue;
        const info = CAPABILITIES.get(normalizeCapability(item.value));
        const what = normalizeCapability(item.value) === 'ALL' ? ' (every capability)' : info ? ` (${info.description.replace(/\.$/, '')})` : '';
        context.report({
          node: item.node,
          message: `${describeContainer(container)} adds capability ${item.value}${what}, which is not in the runtime default set ${suffix('baseline', 'capabilities_baseline')}.`,
          fixes: [fix(`Remove ${item.value} from capabilities.add (unsafe: check the workload does not need it)`, false, removeSeqItem(context.file, add.pair, add.seq, item.node))],
        });
      }
    });
  },
});
