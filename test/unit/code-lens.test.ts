// The Pod Security CodeLens: one per object, the lowest level of its pod templates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { mergeSettings } from '../../server/src/engine/config';
import { workloadLenses } from '../../server/src/features/codeLens';

const JOBSET = `apiVersion: jobset.x-k8s.io/v1alpha2
kind: JobSet
metadata:
  name: training
spec:
  replicatedJobs:
    - name: leader
      template:
        spec:
          template:
            spec:
              containers:
                - name: leader
                  image: trainer
    - name: workers
      template:
        spec:
          template:
            spec:
              containers:
                - name: worker
                  image: trainer
                  securityContext: {privileged: true}
`;

test('an object with several pod templates gets one lens with the lowest level', () => {
  const settings = mergeSettings({ podSpecPaths: [{ path: 'spec.replicatedJobs.*.template.spec.template.spec', kinds: ['JobSet'] }] });
  const analysis = analyze({ uri: 'file:///jobset.yaml', text: JOBSET, settings });
  assert.equal(analysis.kubernetes?.workloads.length, 2);
  const lenses = workloadLenses(analysis);
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].title, 'Pod Security: privileged — harden to restricted');
  assert.equal(lenses[0].range.start.line, 1);
  assert.deepEqual(lenses[0].harden?.workloadRange.start, { line: 0, character: 0 });
});

test('a Rollout (custom resource with a pod template) gets a lens', () => {
  const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app\n';
  const lenses = workloadLenses(analyze({ uri: 'file:///rollout.yaml', text: rollout }));
  assert.deepEqual(lenses.map((lens) => lens.title), ['Pod Security: baseline — harden to restricted']);
});
