import type { KubernetesRule } from '../../../rule';
import allowPrivilegeEscalationConflict from './allow-privilege-escalation-conflict';
import apparmorProfile from './apparmor-profile';
import automountServiceAccountToken from './automount-service-account-token';
import dangerousCapabilities from './dangerous-capabilities';
import imageTag from './image-tag';
import privilegedVoidsHardening from './privileged-voids-hardening';
import netRawNotDropped from './net-raw-not-dropped';
import privilegedPort from './privileged-port';
import imagePullPolicy from './image-pull-policy';
import shareProcessNamespace from './share-process-namespace';
import hostUsers from './host-users';
import memoryLimit from './memory-limit';
import secretAsEnv from './secret-as-env';
import capabilitySpelling from './capability-spelling';
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
  netRawNotDropped,
  capabilitySpelling,
  privilegedVoidsHardening,
  writableHostPath,
  sensitiveHostPath,
  secretInEnv,
  secretAsEnv,
  imageTag,
  imagePullPolicy,
  privilegedPort,
  shareProcessNamespace,
  hostUsers,
  memoryLimit,
  seccompLocalhostProfile,
  seccompProfileNotFound,
  allowPrivilegeEscalationConflict,
  runAsNonRootConflict,
];
