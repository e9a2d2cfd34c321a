import { defineKubernetesRule } from '../../../rule';
import { getMap, getPair, getSeq, pairSpan, scalarString, type Node } from '../../../documents/yaml';
import type { Span } from '../../../types';
import { effectiveMap, profileType } from '../../securityContext';
import { readBool } from '../../values';
import { describeContainer, forEachContainer } from '../helpers';
import { APPARMOR_ANNOTATION_PREFIX } from './apparmor-profile';

export default defineKubernetesRule({
  meta: {
    id: 'privileged-voids-hardening',
    title: 'Privileged mode voids the other hardening settings',
    description:
      'Reports, on the `privileged: true` line, each hardening setting of the same container that privileged mode cancels: `readOnlyRootFilesystem: true`, `capabilities.drop`, a RuntimeDefault or Localhost seccomp profile and a RuntimeDefault AppArmor profile (field or annotation), so nobody reads them as protection.',
    rationale:
      'In containerd\'s CRI plugin (internal/cri/server/container_create.go) `oci.WithPrivileged` is applied after the capability settings and grants every capability, so `drop` is ignored; `GenerateSeccompSpecOpts` sets no seccomp profile for privileged containers, whatever the pod asks for; `GenerateApparmorSpecOpts` skips the RuntimeDefault AppArmor profile for them (a Localhost profile still applies). With CAP_SYS_ADMIN the process can remount the read-only root filesystem read-write. CRI-O and Docker treat privileged containers the same way.',
    remediation: 'Remove `privileged: true` and grant only what the container needs (specific capabilities, a device plugin, a hostPath); then the read-only root filesystem, dropped capabilities and profiles hold.',
    defaultSeverity: 'warning',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      differences:
        'No peer says which hardening privileged mode cancels; they report privileged mode alone.',
    },
    references: [
      { title: 'containerd internal/cri/server/container_create.go (privileged spec options)', url: 'https://github.com/containerd/containerd/blob/main/internal/cri/server/container_create.go' },
      { title: 'containerd internal/cri/sputil/seccomp_linux.go', url: 'https://github.com/containerd/containerd/blob/main/internal/cri/sputil/seccomp_linux.go' },
      { title: 'Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
    ],
  },
  check(context) {
    const { file } = context;
    forEachContainer(context, (workload, container) => {
      const privileged = readBool(file, container.securityContext, 'privileged');
      if (privileged.state !== 'value' || !privileged.value) return;
      const voided: { span?: Span; name: string; why: string }[] = [];
      const readOnly = readBool(file, container.securityContext, 'readOnlyRootFilesystem');
      if (readOnly.state === 'value' && readOnly.value) voided.push({ span: pairSpan(readOnly.pair), name: 'readOnlyRootFilesystem', why: 'a privileged process can remount the root filesystem read-write' });
      const capabilities = getMap(container.securityContext, 'capabilities');
      const drop = getPair(capabilities, 'drop');
      if (drop && (getSeq(capabilities, 'drop')?.items.length ?? 0) > 0) {
        voided.push({ span: pairSpan(drop), name: 'capabilities.drop', why: 'privileged containers get every capability; the drop list is ignored' });
      }
      const seccomp = effectiveMap(file, workload, container, 'seccompProfile');
      const seccompType = profileType(file, seccomp).type;
      if ('pair' in seccomp && (seccompType === 'RuntimeDefault' || seccompType === 'Localhost')) {
        voided.push({ span: pairSpan(seccomp.pair), name: `seccompProfile ${seccompType}`, why: 'no seccomp profile is applied to privileged containers' });
      }
      const apparmor = effectiveMap(file, workload, container, 'appArmorProfile');
      const annotation = getPair(getMap(workload.podMetadata, 'annotations'), `${APPARMOR_ANNOTATION_PREFIX}${container.name}`);
      if ('pair' in apparmor && profileType(file, apparmor).type === 'RuntimeDefault') {
        voided.push({ span: pairSpan(apparmor.pair), name: 'appArmorProfile RuntimeDefault', why: 'the RuntimeDefault AppArmor profile is skipped for privileged containers (only a Localhost profile applies)' });
      } else if (apparmor.source === 'default' && annotation && scalarString(annotation.value as Node | null) === 'runtime/default') {
        voided.push({ span: pairSpan(annotation), name: 'the runtime/default AppArmor annotation', why: 'the RuntimeDefault AppArmor profile is skipped for privileged containers' });
      }
      if (voided.length === 0) return;
      context.report({
        pair: privileged.pair,
        message: `${describeContainer(container)} is privileged, which voids its ${voided.map((entry) => entry.name).join(', ')}: ${voided.map((entry) => entry.why).join('; ')}. Drop privileged mode and grant only what the container needs.`,
        related: voided.map((entry) => ({ span: entry.span, message: `${entry.name}: ${entry.why}` })),
      });
    });
  },
});
