import type { KubernetesRule } from '../../../rule';
import allowPrivilegeEscalationConflict from './allow-privilege-escalation-conflict';
import apparmorProfile from './apparmor-profile';
import automountServiceAccountToken from './automount-service-account-token';
import dangerousCapabilities from './dangerous-capabilities';
import imageTag from './image-tag';
import privilegedWritableRoot from './privileged-writable-root';
import readOnlyRootFilesystem from './read-only-root-filesystem';
import runAsHighUid from './run-as-high-uid';
import runAsNonRootConflict from './run-as-non-root-conflict';
import seccompLocalhostProfile from './seccomp-localhost-profile';
import seccompProfileNotFound from './seccomp-profile-not-found';
import writableHostPath from './writable-host-path';
import sensitiveHostPath from './sensitive-host-path';
import secretInEnv from './secret-in-env';

export const HARDENING_RULES: readonly KubernetesRule[] = [
  runAsHighUid,
  readOnlyRootFilesystem,
  automountServiceAccountToken,
  apparmorProfile,
  dangerousCapabilities,
  privilegedWritableRoot,
  writableHostPath,
  sensitiveHostPath,
  secretInEnv,
  imageTag,
  seccompLocalhostProfile,
  seccompProfileNotFound,
  allowPrivilegeEscalationConflict,
  runAsNonRootConflict,
];
