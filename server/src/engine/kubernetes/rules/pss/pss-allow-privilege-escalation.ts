import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { isWindowsPod } from '../../model';
import { readBool } from '../../values';
import { describeContainer, fix, forEachContainer, reportContainerMissing, setContainerField } from '../helpers';
import { pssReferences, since, suffix } from './common';

const CHECK = suffix('restricted', 'allowPrivilegeEscalation');

export default defineKubernetesRule({
  meta: {
    id: 'pss-allow-privilege-escalation',
    title: 'Privilege escalation must be disallowed',
    description:
      'Reports containers (including init and ephemeral containers) that do not set `securityContext.allowPrivilegeEscalation: false`. Leaving it unset counts as allowed. From Kubernetes 1.25 Windows pods (`spec.os.name: windows`) are exempt. Mirrors the `allowPrivilegeEscalation` check of the Pod Security Standards restricted level (1.8+).',
    rationale: 'Without `no_new_privs`, a process can gain privileges through setuid/setgid binaries or file capabilities, e.g. `sudo`, `su` or a planted setuid shell: an attacker inside the container becomes root there.',
    remediation: 'Set `allowPrivilegeEscalation: false` in every container\'s `securityContext` (it cannot be set at pod level).',
    defaultSeverity: 'error',
    category: 'pss-restricted',
    fileKind: 'kubernetes',
    fix: 'safe',
    pss: { level: 'restricted', check: 'allowPrivilegeEscalation' },
    peers: {
      kubeLinter: ['privilege-escalation-container'],
      kubesec: ['AllowPrivilegeEscalation'],
      polaris: ['privilegeEscalationAllowed'],
      trivy: ['KSV001'],
      checkov: ['CKV_K8S_20'],
      kubescape: ['C-0016'],
      differences:
        'Follows the restricted level: `allowPrivilegeEscalation` must be set to `false`. kube-linter `privilege-escalation-container` and kubesec `AllowPrivilegeEscalation` report only an explicit `true`.',
    },
    references: pssReferences('restricted', 'check_allowPrivilegeEscalation.go'),
  },
  check(context) {
    if (!since(context, 8)) return;
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      if (since(context, 25) && isWindowsPod(workload)) return;
      const read = readBool(file, container.securityContext, 'allowPrivilegeEscalation');
      if (read.state === 'value' && read.value) {
        context.report({
          pair: read.pair,
          message: `${describeContainer(container)} allows privilege escalation (setuid binaries, file capabilities) ${CHECK}.`,
          fixes: [fix('Set allowPrivilegeEscalation: false (unsafe: setuid tools in the image stop working)', false, replaceScalar(file, read.node, false))],
        });
      } else if (read.state === 'absent' && !workload.templated) {
        reportContainerMissing(context, container, `${describeContainer(container)} does not set allowPrivilegeEscalation: false, so setuid binaries can gain privileges ${CHECK}.`, [
          fix('Set allowPrivilegeEscalation: false', true, setContainerField(file, container, [], 'allowPrivilegeEscalation', false)),
        ]);
      }
    });
  },
});
