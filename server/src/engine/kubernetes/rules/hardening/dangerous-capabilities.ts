import { defineKubernetesRule } from '../../../rule';
import { getMap, getPair, isSeq, stringItems, type YAMLSeq } from '../../../documents/yaml';
import { removeSeqItem } from '../../../fixes';
import { CAPABILITIES, isDangerousCapability, normalizeCapability } from '../../capabilities';
import { describeContainer, fix, forEachContainer } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'dangerous-capabilities',
    title: 'Do not add dangerous Linux capabilities',
    description:
      'Reports `securityContext.capabilities.add` entries that grant host-level power (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, NET_RAW, SYS_RAWIO, SYS_BOOT, BPF, PERFMON, SYS_TIME, MAC_ADMIN, MAC_OVERRIDE, SYSLOG, SETPCAP) and `ALL`, in any spelling (`sys_admin`, `CAP_SYS_ADMIN`).',
    rationale:
      'These capabilities act on the kernel, host devices, the node network or other processes: SYS_ADMIN allows mounts and most known container escapes, SYS_MODULE loads kernel code, SYS_PTRACE reads other processes\' memory, NET_ADMIN/NET_RAW reconfigure or spoof the network. `ALL` grants every one of them.',
    remediation: 'Remove the capability, start from `drop: ["ALL"]` and add back only what the workload needs (usually at most `NET_BIND_SERVICE`). If it truly needs one, isolate it (dedicated node, justification, suppression comment).',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    supersededBy: ['pss-capabilities-baseline', 'pss-capabilities-restricted'],
    peers: {
      kubesec: ['CapSysAdmin'],
      polaris: ['dangerousCapabilities'],
      trivy: ['KSV005', 'KSV119', 'KSV120'],
      checkov: ['CKV_K8S_39'],
      kubescape: ['C-0046'],
      differences:
        'Names are read in every spelling a runtime grants: any case, and with a `CAP_` prefix (CRI-O accepts it, containerd does not), so `sys_admin` and `CAP_SYS_ADMIN` are caught; Checkov `CKV_K8S_39` compares exactly and Polaris misses `CAP_`-prefixed names. The list is the union of the peers\' (Kubescape\'s insecure capabilities, including SETPCAP; Polaris\' ALL, SYS_ADMIN, NET_ADMIN; Trivy\'s SYS_ADMIN, NET_RAW, SYS_MODULE) plus DAC_READ_SEARCH, SYS_TIME and SYSLOG.',
    },
    references: [
      { title: 'capabilities(7)', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
      { title: 'Pod Security Standards: capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    ],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (_workload, container) => {
      const capabilities = getMap(container.securityContext, 'capabilities');
      const addPair = getPair(capabilities, 'add');
      if (!addPair || !isSeq(addPair.value)) return;
      const seq = addPair.value as YAMLSeq;
      for (const item of stringItems(seq)) {
        const name = normalizeCapability(item.value);
        const removal = fix(`Remove ${item.value} from capabilities.add (unsafe: the workload may need it)`, false, removeSeqItem(file, addPair, seq, item.node));
        if (name === 'ALL') {
          context.report({
            node: item.node,
            severity: 'error',
            message: `${describeContainer(container)} adds ALL capabilities: it gets every privilege of root on the node short of privileged mode. Add only the capabilities it needs.`,
            fixes: [removal],
          });
        } else if (isDangerousCapability(name)) {
          context.report({
            node: item.node,
            message: `${describeContainer(container)} adds ${name}: ${CAPABILITIES.get(name)?.description ?? ''} Remove it unless the workload cannot run without it.`,
            fixes: [removal],
          });
        }
      }
    });
  },
});
