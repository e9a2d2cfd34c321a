import { defineKubernetesRule } from '../../../rule';
import { getMap, getSeq, pairSpan, stringItems } from '../../../documents/yaml';
import { normalizeCapability } from '../../capabilities';
import { readBool } from '../../values';
import { describeContainer, forEachContainer } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'allow-privilege-escalation-conflict',
    title: 'allowPrivilegeEscalation: false conflicts with privileged and CAP_SYS_ADMIN',
    description:
      'Reports containers with `allowPrivilegeEscalation: false` together with `privileged: true` or with SYS_ADMIN in `capabilities.add`.',
    rationale:
      'Container validation in kubernetes/kubernetes (pkg/apis/core/validation, ValidateSecurityContext) rejects `allowPrivilegeEscalation: false` with `privileged: true`, and with `capabilities.add` containing the exact string `CAP_SYS_ADMIN`. Other spellings (`SYS_ADMIN`) pass validation, but the API documents that privilege escalation is always allowed for CAP_SYS_ADMIN containers, so the setting is a promise the container does not keep.',
    remediation: 'Decide which one you want: drop `privileged: true` / the SYS_ADMIN capability (recommended), or remove `allowPrivilegeEscalation: false`.',
    defaultSeverity: 'error',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer reports this combination, which the API server rejects; kube-linter `privilege-escalation-container` reports privileged and SYS_ADMIN as escalation on their own.',
    },
    references: [
      { title: 'kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateSecurityContext)', url: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go' },
      { title: 'k8s.io/api SecurityContext.allowPrivilegeEscalation', url: 'https://github.com/kubernetes/api/blob/master/core/v1/types.go' },
    ],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      const escalation = readBool(context.file, container.securityContext, 'allowPrivilegeEscalation');
      if (escalation.state !== 'value' || escalation.value) return;
      const privileged = readBool(context.file, container.securityContext, 'privileged');
      if (privileged.state === 'value' && privileged.value) {
        context.report({
          pair: escalation.pair,
          message: `${describeContainer(container)} sets allowPrivilegeEscalation: false and privileged: true: the API server rejects this combination. Drop privileged mode.`,
          related: [{ span: pairSpan(privileged.pair), message: 'privileged: true always allows privilege escalation' }],
        });
      }
      for (const item of stringItems(getSeq(getMap(container.securityContext, 'capabilities'), 'add'))) {
        if (normalizeCapability(item.value) !== 'SYS_ADMIN') continue;
        const rejected = item.value === 'CAP_SYS_ADMIN';
        context.report({
          pair: escalation.pair,
          severity: rejected ? 'error' : 'warning',
          message: rejected
            ? `${describeContainer(container)} sets allowPrivilegeEscalation: false and adds CAP_SYS_ADMIN: the API server rejects this combination. Remove the capability.`
            : `${describeContainer(container)} sets allowPrivilegeEscalation: false but adds ${item.value}: privilege escalation is always allowed with CAP_SYS_ADMIN, so the setting does not hold. Remove the capability.`,
          related: [{ node: item.node, message: 'CAP_SYS_ADMIN implies privilege escalation' }],
        });
      }
    });
  },
});
