// Every Pod Security Standards rule sees every pod-template kind and every container kind the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { ALL_RULES } from '../../server/src/engine/registry';

const CONTAINER = (name: string) => `- name: ${name}
  image: app:1
  ports: [{containerPort: 80, hostPort: 80}]
  livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}
  securityContext:
    privileged: true
    allowPrivilegeEscalation: true
    runAsNonRoot: false
    runAsUser: 0
    procMount: Unmasked
    capabilities: {add: [SYS_ADMIN, CHOWN], drop: [NET_RAW]}
    seccompProfile: {type: Unconfined}
    appArmorProfile: {type: Unconfined}
    seLinuxOptions: {type: spc_t}
    windowsOptions: {hostProcess: true}
`;

/** A pod spec that fails every check, each kind of container failing the container-level ones. */
const POD_SPEC = `hostNetwork: true
hostUsers: false
securityContext:
  sysctls: [{name: vm.swappiness, value: "1"}]
volumes:
  - {name: host, hostPath: {path: /}}
  - {name: nfs, nfs: {server: nfs, path: /}}
initContainers:
${indent(CONTAINER('init'), 2)}containers:
${indent(CONTAINER('main'), 2)}ephemeralContainers:
${indent(CONTAINER('debug'), 2)}`;

function indent(text: string, spaces: number): string {
  return text.replace(/^(?=.)/gm, ' '.repeat(spaces));
}

const WRAPPERS: Record<string, (spec: string) => string> = {
  Pod: (spec) => `apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n${indent(spec, 2)}`,
  PodTemplate: (spec) => `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: x}\ntemplate:\n  spec:\n${indent(spec, 4)}`,
  ReplicationController: (spec) => `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n${indent(spec, 6)}`,
  ...Object.fromEntries(
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((kind) => [kind, (spec: string) => `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n${indent(spec, 6)}`]),
  ),
  Job: (spec) => `apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n${indent(spec, 6)}`,
  CronJob: (spec) => `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(spec, 10)}`,
};

const PSS_IDS = ALL_RULES.filter((meta) => meta.pss).map((meta) => meta.id);
/** Not reachable with this spec: hostUsers:false exempts them, and baseline/restricted partition the rest. */
const NOT_EXPECTED = new Set(['pss-run-as-non-root', 'pss-run-as-user', 'pss-proc-mount', 'pss-seccomp-restricted']);

function findingsByRule(text: string): Map<string, string[]> {
  const byRule = new Map<string, string[]>();
  for (const finding of analyze({ uri: 'file:///kinds.yaml', text }).findings) {
    if (!finding.pss) continue;
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding.message);
    byRule.set(finding.ruleId, list);
  }
  return byRule;
}

const reference = findingsByRule(WRAPPERS.Pod(POD_SPEC));

test('the violating pod spec triggers every reachable PSS rule', () => {
  assert.deepEqual(
    PSS_IDS.filter((id) => !NOT_EXPECTED.has(id) && !reference.has(id)),
    [],
  );
});

for (const [kind, wrap] of Object.entries(WRAPPERS)) {
  test(`${kind}: the same PSS findings as a bare Pod`, () => {
    const found = findingsByRule(wrap(POD_SPEC));
    assert.deepEqual([...found.keys()].sort(), [...reference.keys()].sort());
    for (const [id, messages] of reference) assert.equal(found.get(id)?.length, messages.length, `${id} count in ${kind}`);
  });
}

test('container-level checks report init, regular and ephemeral containers', () => {
  const containerRules = ['pss-privileged', 'pss-capabilities-baseline', 'pss-host-ports', 'pss-host-probes-lifecycle', 'pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-proc-mount-restricted'];
  for (const id of containerRules) {
    const messages = reference.get(id) ?? [];
    for (const who of ['init container "init"', 'container "main"', 'ephemeral container "debug"']) {
      assert.ok(messages.some((message) => message.includes(who)), `${id} reports ${who}: ${messages.join(' | ')}`);
    }
  }
});

test('without hostUsers: false the user-namespace exemptions go away', () => {
  const found = findingsByRule(WRAPPERS.Deployment(POD_SPEC.replace('hostUsers: false\n', '')));
  for (const id of ['pss-run-as-non-root', 'pss-run-as-user', 'pss-proc-mount']) assert.ok(found.has(id), id);
  assert.ok(!found.has('pss-proc-mount-restricted'));
});
