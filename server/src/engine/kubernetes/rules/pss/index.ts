import type { KubernetesRule } from '../../../rule';
import allowPrivilegeEscalation from './pss-allow-privilege-escalation';
import apparmor from './pss-apparmor';
import capabilitiesBaseline from './pss-capabilities-baseline';
import capabilitiesRestricted from './pss-capabilities-restricted';
import hostNamespaces from './pss-host-namespaces';
import hostPathVolumes from './pss-host-path-volumes';
import hostPorts from './pss-host-ports';
import hostProbesLifecycle from './pss-host-probes-lifecycle';
import privileged from './pss-privileged';
import procMount from './pss-proc-mount';
import procMountRestricted from './pss-proc-mount-restricted';
import restrictedVolumes from './pss-restricted-volumes';
import runAsNonRoot from './pss-run-as-non-root';
import runAsUser from './pss-run-as-user';
import seccompBaseline from './pss-seccomp-baseline';
import seccompRestricted from './pss-seccomp-restricted';
import selinux from './pss-selinux';
import sysctls from './pss-sysctls';
import windowsHostProcess from './pss-windows-host-process';

/** Every check of k8s.io/pod-security-admission: baseline first, then restricted, in the order of the PSS page. */
export const PSS_RULES: readonly KubernetesRule[] = [
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  hostProbesLifecycle,
  apparmor,
  selinux,
  procMount,
  seccompBaseline,
  sysctls,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];

