import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_TYPES, fieldAtPath, fieldOf, fieldsOf, typeAtPath } from '../../server/src/engine/kubernetes/schema';
import { POD_SPEC_PATHS } from '../../server/src/engine/kubernetes/model';
import { CAPABILITIES, CAPABILITY_NAMES, DANGEROUS_CAPABILITIES, isDangerousCapability, normalizeCapability, RUNTIME_DEFAULT_CAPABILITIES } from '../../server/src/engine/kubernetes/capabilities';

test('every pod-template kind resolves its POD_SPEC_PATHS entry to PodSpec', () => {
  for (const [kind, path] of Object.entries(POD_SPEC_PATHS)) {
    assert.equal(typeAtPath(kind, path), 'PodSpec', kind);
    assert.equal(typeAtPath(kind, [...path, 'securityContext']), 'PodSecurityContext', kind);
    assert.equal(typeAtPath(kind, [...path, 'containers', 0, 'securityContext']), 'SecurityContext', kind);
  }
});

test('typeAtPath walks controllers, sequences and nested security types', () => {
  assert.equal(typeAtPath('Deployment', []), 'Deployment');
  assert.equal(typeAtPath('Deployment', ['spec']), 'DeploymentSpec');
  assert.equal(typeAtPath('Deployment', ['spec', 'template']), 'PodTemplateSpec');
  assert.equal(typeAtPath('Deployment', ['spec', 'template', 'metadata']), 'ObjectMeta');
  assert.equal(typeAtPath('CronJob', ['spec', 'jobTemplate']), 'JobTemplateSpec');
  assert.equal(typeAtPath('CronJob', ['spec', 'jobTemplate', 'spec']), 'JobSpec');
  assert.equal(typeAtPath('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'initContainers', 2, 'securityContext', 'capabilities']), 'Capabilities');
  assert.equal(typeAtPath('Pod', ['spec', 'ephemeralContainers', 0]), 'EphemeralContainer');
  assert.equal(typeAtPath('Pod', ['spec', 'securityContext', 'seccompProfile']), 'SeccompProfile');
  assert.equal(typeAtPath('Pod', ['spec', 'securityContext', 'sysctls', 1]), 'Sysctl');
  assert.equal(typeAtPath('StatefulSet', ['spec', 'template', 'spec', 'volumes', 0, 'hostPath']), 'HostPathVolumeSource');
  assert.equal(typeAtPath('DaemonSet', ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts', 3]), 'VolumeMount');
  assert.equal(typeAtPath('Job', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'windowsOptions']), 'WindowsSecurityContextOptions');
  assert.equal(typeAtPath('PodTemplate', ['template', 'spec', 'securityContext', 'appArmorProfile']), 'AppArmorProfile');
  // An array is only a mapping once indexed; unknown keys and scalars have no type.
  assert.equal(typeAtPath('Pod', ['spec', 'containers']), undefined);
  assert.equal(typeAtPath('Pod', ['spec', 'containerz', 0]), undefined);
  assert.equal(typeAtPath('Pod', ['spec', 'hostPID']), undefined);
  assert.equal(typeAtPath('Service', ['spec']), undefined);
  assert.equal(typeAtPath('Pod', ['spec', 'affinity']), undefined, 'types we do not model stay unknown');
});

test('kind: List items resolve through the item kind', () => {
  const kinds = ['Pod', 'Deployment'];
  const itemKind = (index: number): string | undefined => kinds[index];
  assert.equal(typeAtPath('List', ['items', 1, 'spec', 'template', 'spec', 'containers', 0, 'securityContext'], itemKind), 'SecurityContext');
  assert.equal(typeAtPath('List', ['items', 0, 'spec', 'securityContext'], itemKind), 'PodSecurityContext');
  assert.equal(typeAtPath('List', ['items', 0, 'spec']), undefined, 'without the item kind nothing is known');
  assert.equal(typeAtPath('List', ['items', 5, 'spec'], itemKind), undefined);
});

test('field facts match k8s.io/api core/v1 types.go', () => {
  // JSON tags and enums as in types.go (ProcMountType, SeccompProfileType, AppArmorProfileType, HostPathType, ...).
  assert.deepEqual(fieldOf('SecurityContext', 'procMount')?.enum, ['Default', 'Unmasked']);
  assert.deepEqual(fieldOf('SeccompProfile', 'type')?.enum, ['RuntimeDefault', 'Unconfined', 'Localhost']);
  assert.deepEqual(fieldOf('AppArmorProfile', 'type')?.enum, ['RuntimeDefault', 'Unconfined', 'Localhost']);
  assert.deepEqual(fieldOf('PodSecurityContext', 'seLinuxChangePolicy')?.enum, ['MountOption', 'Recursive']);
  assert.deepEqual(fieldOf('PodSecurityContext', 'supplementalGroupsPolicy')?.enum, ['Merge', 'Strict']);
  assert.deepEqual(fieldOf('PodSecurityContext', 'fsGroupChangePolicy')?.enum, ['OnRootMismatch', 'Always']);
  assert.deepEqual(fieldOf('HostPathVolumeSource', 'type')?.enum, ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']);
  assert.equal(fieldOf('SecurityContext', 'runAsUser')?.kind, 'integer');
  assert.equal(fieldOf('SecurityContext', 'readOnlyRootFilesystem')?.kind, 'boolean');
  assert.equal(fieldOf('Capabilities', 'drop')?.kind, 'array');
  assert.equal(fieldOf('Capabilities', 'drop')?.items, 'string');
  assert.equal(fieldOf('PodSecurityContext', 'supplementalGroups')?.items, 'integer');
  // Container-only and pod-only fields really are only on one side.
  for (const name of ['privileged', 'capabilities', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'procMount']) {
    assert.ok(fieldOf('SecurityContext', name), name);
    assert.equal(fieldOf('PodSecurityContext', name), undefined, name);
  }
  for (const name of ['fsGroup', 'sysctls', 'supplementalGroups', 'fsGroupChangePolicy', 'supplementalGroupsPolicy', 'seLinuxChangePolicy']) {
    assert.ok(fieldOf('PodSecurityContext', name), name);
    assert.equal(fieldOf('SecurityContext', name), undefined, name);
  }
  // EphemeralContainer = Container + targetContainerName.
  const container = Object.keys(fieldsOf('Container') ?? {});
  const ephemeral = Object.keys(fieldsOf('EphemeralContainer') ?? {});
  assert.deepEqual(ephemeral.filter((name) => !container.includes(name)), ['targetContainerName']);
  assert.equal(container.length, 25);
  assert.ok(fieldOf('PodSpec', 'hostUsers'));
  assert.ok(fieldOf('PodSpec', 'automountServiceAccountToken'));
  assert.equal(fieldOf('PodSpec', 'securityContext')?.ref, 'PodSecurityContext');
  // Lookups never climb the prototype chain.
  assert.equal(fieldOf('PodSpec', 'toString'), undefined);
  assert.equal(fieldsOf('constructor'), undefined);
});

test('every field names itself and every ref points at a table', () => {
  for (const [typeName, fields] of Object.entries(API_TYPES)) {
    for (const [key, spec] of Object.entries(fields)) {
      assert.equal(spec.name, key, `${typeName}.${key}`);
      assert.ok(spec.description.length > 10, `${typeName}.${key} has a description`);
      if (spec.ref) assert.ok(API_TYPES[spec.ref], `${typeName}.${key} -> ${spec.ref}`);
    }
  }
});

test('fieldAtPath gives the spec of the last key', () => {
  assert.equal(fieldAtPath('Deployment', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'])?.kind, 'boolean');
  assert.equal(fieldAtPath('Pod', ['spec', 'containers', 0]), undefined);
});

test('capability table follows capability.h', () => {
  assert.equal(CAPABILITY_NAMES.length, 41);
  assert.equal(CAPABILITIES.get('CHOWN')?.number, 0);
  assert.equal(CAPABILITIES.get('SYS_ADMIN')?.number, 21);
  assert.equal(CAPABILITIES.get('PERFMON')?.number, 38);
  assert.equal(CAPABILITIES.get('BPF')?.number, 39);
  assert.equal(CAPABILITIES.get('CHECKPOINT_RESTORE')?.number, 40);
  CAPABILITY_NAMES.forEach((name, index) => assert.equal(CAPABILITIES.get(name)?.number, index));
  for (const name of [...DANGEROUS_CAPABILITIES, ...RUNTIME_DEFAULT_CAPABILITIES]) assert.ok(CAPABILITIES.has(name), name);
  assert.equal(normalizeCapability(' cap_sys_admin '), 'SYS_ADMIN');
  assert.ok(isDangerousCapability('sys_ptrace'));
  assert.ok(!isDangerousCapability('NET_BIND_SERVICE'));
  assert.ok(!isDangerousCapability('SETFCAP'));
});

test('custom resources with a Deployment- or CronJob-shaped pod template are typed from the pod spec down', () => {
  assert.equal(typeAtPath('Rollout', ['spec', 'template', 'spec', 'containers', 0, 'securityContext']), 'SecurityContext');
  assert.equal(typeAtPath('CronWorkflowLike', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'securityContext']), 'PodSecurityContext');
  assert.equal(typeAtPath('Rollout', ['spec', 'strategy']), undefined);
  assert.equal(fieldAtPath('Rollout', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'])?.kind, 'boolean');
});
