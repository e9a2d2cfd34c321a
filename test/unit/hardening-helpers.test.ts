import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageReference } from '../../server/src/engine/kubernetes/rules/hardening/image-tag';
import { annotationValueProblem } from '../../server/src/engine/kubernetes/rules/hardening/apparmor-profile';

test('image references: registry ports are not tags, digests pin', () => {
  assert.deepEqual(parseImageReference('nginx'), { registry: undefined, repository: 'nginx', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageReference('nginx:1.25'), { registry: undefined, repository: 'nginx', tag: '1.25', digest: undefined });
  assert.deepEqual(parseImageReference('registry.example.com:5000/team/app'), { registry: 'registry.example.com:5000', repository: 'team/app', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageReference('localhost:5000/app:dev'), { registry: 'localhost:5000', repository: 'app', tag: 'dev', digest: undefined });
  assert.deepEqual(parseImageReference('localhost/app'), { registry: 'localhost', repository: 'app', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageReference('library/busybox:latest'), { registry: undefined, repository: 'library/busybox', tag: 'latest', digest: undefined });
  const pinned = parseImageReference('ghcr.io/org/tool:v2@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
  assert.equal(pinned.registry, 'ghcr.io');
  assert.equal(pinned.tag, 'v2');
  assert.equal(pinned.digest, 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
  assert.equal(parseImageReference('app@sha256:abc').tag, undefined);
});

test('legacy AppArmor annotation values', () => {
  assert.equal(annotationValueProblem('runtime/default'), undefined);
  assert.equal(annotationValueProblem('unconfined'), undefined);
  assert.equal(annotationValueProblem('localhost/k8s-apparmor-example-deny-write'), undefined);
  assert.ok(annotationValueProblem('localhost/'));
  assert.ok(annotationValueProblem('RuntimeDefault'));
  assert.ok(annotationValueProblem('docker-default'));
});
