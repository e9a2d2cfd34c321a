import { defineKubernetesRule } from '../../../rule';
import { pairSpan } from '../../../documents/yaml';
import { readBool } from '../../values';
import { describeContainer, forEachContainer } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'privileged-writable-root',
    title: 'readOnlyRootFilesystem does not hold for privileged containers',
    description: 'Reports containers that set both `privileged: true` and `readOnlyRootFilesystem: true`.',
    rationale:
      'A privileged container has CAP_SYS_ADMIN and no seccomp/AppArmor confinement, so it can simply remount its root filesystem read-write (`mount -o remount,rw /`) or mount the host\'s disks. The read-only flag gives a false sense of safety.',
    remediation: 'Drop `privileged: true` and grant only the capabilities the container needs; then `readOnlyRootFilesystem: true` actually holds.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    references: [{ title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' }],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      const privileged = readBool(context.file, container.securityContext, 'privileged');
      const readOnly = readBool(context.file, container.securityContext, 'readOnlyRootFilesystem');
      if (privileged.state !== 'value' || !privileged.value || readOnly.state !== 'value' || !readOnly.value) return;
      context.report({
        pair: readOnly.pair,
        message: `${describeContainer(container)} is privileged, so its read-only root filesystem is not enforced: a privileged process can remount it read-write. Drop privileged mode.`,
        related: [{ span: pairSpan(privileged.pair), message: 'privileged: true grants CAP_SYS_ADMIN and mount rights' }],
      });
    });
  },
});
