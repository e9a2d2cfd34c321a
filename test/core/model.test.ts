import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../server/src/engine/documents/yaml';
import { maskTemplates } from '../../server/src/engine/documents/helm';
import { findObjects, findWorkloads } from '../../server/src/engine/kubernetes/model';
import { effectiveBool, effectiveInt, effectiveMap, effectiveWindowsOption, profileType } from '../../server/src/engine/kubernetes/securityContext';
import { readBool, readInt } from '../../server/src/engine/kubernetes/values';
import { classifyYaml, looksLikeSeccompJson } from '../../server/src/engine/classify';

const container = '      - name: c\n        image: x\n';
const template = (indent: string) =>
  `${indent}metadata:\n${indent}  annotations: {a: b}\n${indent}spec:\n${indent}  containers:\n${container.replace(/^(?=.)/gm, indent)}`;

test('every pod-template kind is found, in multi-document files and kind: List', () => {
  const text = [
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${container}  initContainers:\n${container}  ephemeralContainers:\n${container}`,
    `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: pt}\ntemplate:\n${template('  ')}`,
    ...['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job'].map((kind) => `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: x}\nspec:\n  template:\n${template('    ')}`),
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n${template('        ')}`,
    `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: in-list}\n    spec:\n      containers:\n        - name: l\n`,
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n',
  ].join('---\n');
  const file = parseYamlFile(text);
  assert.deepEqual(file.errors, []);
  const objects = findObjects(file);
  const workloads = findWorkloads(file, objects);
  assert.deepEqual(
    workloads.map((w) => w.object.kind),
    ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'],
  );
  assert.deepEqual(workloads[0].containers.map((c) => c.kind), ['initContainers', 'containers', 'ephemeralContainers']);
  assert.ok(workloads.slice(1, 9).every((w) => w.podMetadata !== undefined), 'template metadata is the pod metadata');
  assert.equal(objects.length, 12, 'List, its item and the Service are objects too');
});

test('effective security context: container overrides pod; windowsOptions merge per field', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: yes
    runAsUser: 1000
    seccompProfile: {type: RuntimeDefault}
    windowsOptions: {hostProcess: true}
  containers:
    - name: inherits
    - name: overrides
      securityContext:
        runAsNonRoot: false
        runAsUser: 0777
        seccompProfile: {type: Unconfined}
        windowsOptions: {runAsUserName: x}
`;
  const file = parseYamlFile(text);
  const [workload] = findWorkloads(file, findObjects(file));
  const [inherits, overrides] = workload.containers;
  const nonRoot = effectiveBool(file, workload, inherits, 'runAsNonRoot');
  assert.equal(nonRoot.source, 'pod');
  assert.ok(nonRoot.read.state === 'value' && nonRoot.read.value === true && nonRoot.read.canonical === false, 'yes is a non-canonical true');
  const own = effectiveBool(file, workload, overrides, 'runAsNonRoot');
  assert.ok(own.source === 'container' && own.read.state === 'value' && own.read.value === false);
  const uid = effectiveInt(file, workload, overrides, 'runAsUser');
  assert.ok(uid.read.state === 'value' && uid.read.value === 511 && !uid.read.canonical, '0777 is octal in YAML 1.1');
  assert.equal(profileType(file, effectiveMap(file, workload, inherits, 'seccompProfile')).type, 'RuntimeDefault');
  assert.equal(profileType(file, effectiveMap(file, workload, overrides, 'seccompProfile')).type, 'Unconfined');
  assert.equal(effectiveWindowsOption(file, workload, overrides, 'hostProcess').source, 'pod', 'windowsOptions merge field by field');
});

test('values: quoted booleans and numbers are the wrong type; null is absent', () => {
  const file = parseYamlFile('a: "true"\nb: "1000"\nc: null\nd: ~\ne:\nf: On\n');
  const map = file.documents[0].doc.contents as never;
  assert.equal(readBool(file, map, 'a').state, 'wrongType');
  assert.equal(readInt(file, map, 'b').state, 'wrongType');
  for (const key of ['c', 'd', 'e', 'missing']) assert.equal(readBool(file, map, key).state, 'absent');
  const on = readBool(file, map, 'f');
  assert.ok(on.state === 'value' && on.value === true && !on.canonical);
});

test('Helm template actions are blanked without moving offsets, and templated values are unknown', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  {{- if .Values.x }}\n  hostNetwork: {{ .Values.hostNetwork }}\n  {{- end }}\n  containers:\n    - name: "{{ .Chart.Name }}"\n';
  const mask = maskTemplates(text);
  assert.equal(mask.text.length, text.length);
  assert.equal(mask.spans.length, 4);
  const file = parseYamlFile(text);
  assert.deepEqual(file.errors, []);
  const [workload] = findWorkloads(file, findObjects(file));
  assert.equal(workload.templated, true);
  assert.equal(readBool(file, workload.podSpec, 'hostNetwork').state, 'templated');
});

test('classification is by content', () => {
  assert.equal(classifyYaml(parseYamlFile('- rule: x\n  condition: evt.type=open\n')), 'falco');
  assert.equal(classifyYaml(parseYamlFile('- macro: m\n  condition: a\n')), 'falco');
  assert.equal(classifyYaml(parseYamlFile('name: ci\non: push\n')), 'unknown');
  assert.equal(classifyYaml(parseYamlFile('apiVersion: v1\nkind: Pod\nspec: [\n')), 'kubernetes');
  assert.equal(looksLikeSeccompJson('\uFEFF{ "defaultAction": "SCMP_ACT_ERRNO", "syscalls": [] }'), true);
  assert.equal(looksLikeSeccompJson('{"apiVersion": "v1", "kind": "Pod"}'), false);
});
