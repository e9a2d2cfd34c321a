import { defineKubernetesRule } from '../../../rule';
import { replaceScalar } from '../../../fixes';
import { readString } from '../../values';
import { describeContainer, fix, forEachContainer } from '../helpers';
import { parseImageReference } from './image-tag';

export default defineKubernetesRule({
  meta: {
    id: 'image-pull-policy',
    title: 'Do not reuse cached images for mutable tags',
    description:
      'Reports `imagePullPolicy: IfNotPresent` or `Never` on an image referenced by tag without a `@sha256:` digest (a registry port is not a tag: `registry:5000/app` has none). An absent policy is not reported: Kubernetes then pulls `:latest` and untagged images always, and [image-tag](image-tag.md) already asks to pin other tags by digest.',
    rationale:
      'With IfNotPresent the node runs whatever image it pulled under that tag first. After the tag moves (a fix, or a malicious push), nodes disagree about what runs, and an image left in a node\'s cache by anyone — another tenant, an earlier attacker — is used without the registry checking the pod\'s pull credentials. `Never` relies on the cache entirely.',
    remediation: 'Pin the image by digest (`app:1.4.2@sha256:…`), where IfNotPresent is safe; or set `imagePullPolicy: Always` (the registry is then asked each start, and the cached layers are reused when the digest matches).',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'unsafe',
    peers: {
      polaris: ['pullPolicyNotAlways'],
      checkov: ['CKV_K8S_15'],
      kubescape: ['C-0075'],
      differences:
        'Only an explicit `IfNotPresent` or `Never` on a mutable tag is reported. Polaris `pullPolicyNotAlways` and Checkov `CKV_K8S_15` also want `Always` for digest-pinned images, where the node cache cannot serve another image.',
    },
    references: [{ title: 'Images: image pull policy', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy' }],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      const policy = readString(context.file, container.node, 'imagePullPolicy');
      if (policy.state !== 'value' || (policy.value !== 'IfNotPresent' && policy.value !== 'Never')) return;
      const image = readString(context.file, container.node, 'image');
      if (image.state !== 'value' || image.value.trim() === '') return;
      const reference = parseImageReference(image.value.trim());
      if (reference.digest) return;
      const tag = reference.tag ?? 'latest';
      context.report({
        pair: policy.pair,
        severity: tag === 'latest' ? 'warning' : undefined,
        message: `${describeContainer(container)} uses imagePullPolicy ${policy.value} with the mutable tag :${tag}${reference.tag ? '' : ' (no tag)'}: a node keeps running whatever image it cached under that tag, without the registry checking the pod's credentials. Pin the image by digest or pull Always.`,
        fixes: [fix('Set imagePullPolicy: Always (unsafe: nodes then need the registry at every start)', false, replaceScalar(context.file, policy.node, 'Always'))],
      });
    });
  },
});
