import { defineKubernetesRule, type KubernetesRuleContext } from '../../../rule';
import { getMap, type YAMLMap } from '../../../documents/yaml';
import { replaceScalar } from '../../../fixes';
import { readBool } from '../../values';
import { fix } from '../helpers';
import { forEachSecurityContext, pssReferences, suffix } from './common';

export default defineKubernetesRule({
  meta: {
    id: 'pss-windows-host-process',
    title: 'Windows HostProcess containers are forbidden',
    description: 'Reports `windowsOptions.hostProcess: true` in the pod or container `securityContext` (containers, init and ephemeral containers). Mirrors the `windowsHostProcess` check of the Pod Security Standards baseline level.',
    rationale: 'A Windows HostProcess container runs directly on the host, with the host\'s network and filesystem and as a host user (often SYSTEM): it is the Windows equivalent of a privileged container.',
    remediation: 'Remove `hostProcess: true`. Node management tasks that need it belong in a namespace with the `privileged` level.',
    defaultSeverity: 'error',
    category: 'pss-baseline',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    pss: { level: 'baseline', check: 'windowsHostProcess' },
    peers: {
      polaris: ['hostProcess'],
      trivy: ['KSV103'],
      kubescape: ['C-0211'],
    },
    references: pssReferences('baseline', 'check_windowsHostProcess.go'),
  },
  check(context) {
    for (const workload of context.workloads) {
      forEachSecurityContext(workload, (securityContext, who) => check(context, securityContext, who));
    }
  },
});

function check(context: KubernetesRuleContext, securityContext: YAMLMap | undefined, who: string): void {
  const read = readBool(context.file, getMap(securityContext, 'windowsOptions'), 'hostProcess');
  if (read.state !== 'value' || !read.value) return;
  context.report({
    pair: read.pair,
    message: `${who} runs as a Windows HostProcess container, directly on the host ${suffix('baseline', 'windowsHostProcess')}.`,
    fixes: [fix('Set hostProcess: false (unsafe: host management tasks need it)', false, replaceScalar(context.file, read.node, false))],
  });
}
