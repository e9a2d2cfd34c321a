import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { hover } from '../../server/src/features/hover';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: p',
  'spec:',
  '  securityContext:',
  '    runAsNonRoot: yes',
  '    seccompProfile:',
  '      type: RuntimeDefault',
  '  containers:',
  '    - name: a',
  '      image: x',
  '      securityContext:',
  '        runAsNonRoot: false',
  '    - name: b',
  '      image: y',
  '',
].join('\n');

function hoverAt(line: number, character: number): string | undefined {
  const analysis = analyze({ uri: 'file:///pod.yaml', text: POD });
  return hover(analysis, analysis.lines.offsetAt({ line, character }))?.markdown;
}

test('hover on a pod-level key: effective value per container and its source (YAML 1.1 `yes` noted)', () => {
  const text = hoverAt(6, 6) ?? '';
  assert.match(text, /PodSecurityContext\.runAsNonRoot/);
  assert.match(text, /`a`: `false` \(container\)/);
  assert.match(text, /`b`: `true` \(pod, written as `yes`\)/);
});

test('hover on seccompProfile shows the inherited profile type', () => {
  assert.match(hoverAt(7, 6) ?? '', /`a`: type `RuntimeDefault` \(pod\)/);
});

test('no hover off security keys', () => {
  assert.equal(hoverAt(11, 8), undefined);
  assert.equal(hoverAt(8, 7), undefined);
});
