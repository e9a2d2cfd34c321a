import { defineKubernetesRule } from '../../../rule';
import { readString } from '../../values';
import { describeContainer, forEachContainer } from '../helpers';

export interface ImageReference {
  /** Registry host (with port) when the first path component names one. */
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits an image reference the way the distribution reference grammar does: the digest follows `@`; the tag is a
 * `:` suffix of the last path component only, so `registry:5000/app` has a port, not a tag.
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const name = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const slash = name.lastIndexOf('/');
  const colon = name.indexOf(':', slash + 1);
  const repositoryPath = colon >= 0 ? name.slice(0, colon) : name;
  const tag = colon >= 0 ? name.slice(colon + 1) : undefined;
  const firstSlash = repositoryPath.indexOf('/');
  const first = firstSlash >= 0 ? repositoryPath.slice(0, firstSlash) : '';
  // A first component with a dot or port, or "localhost", is a registry host (as in docker's reference parsing).
  const hasRegistry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: hasRegistry ? first : undefined,
    repository: hasRegistry ? repositoryPath.slice(firstSlash + 1) : repositoryPath,
    tag: tag === '' ? undefined : tag,
    digest: digest === '' ? undefined : digest,
  };
}

export default defineKubernetesRule({
  meta: {
    id: 'image-tag',
    title: 'Pin images by digest, never use :latest',
    description:
      'Reports container images without a tag (which means `:latest`), with the `:latest` tag, or with a tag but no `@sha256:` digest. Registry ports (`registry:5000/app`) are not mistaken for tags.',
    rationale:
      'Tags are mutable: whoever can push to the repository (or a compromised registry) can change what `:latest` or even `:1.2.3` points to, and every node may run a different image. A digest names exactly one image and makes supply-chain tampering visible.',
    remediation: 'Reference the image by digest, optionally keeping the tag for readability: `image: registry.example.com/app:1.4.2@sha256:<digest>`.',
    defaultSeverity: 'information',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['latest-tag'],
      polaris: ['tagNotSpecified'],
      trivy: ['KSV013'],
      checkov: ['CKV_K8S_14', 'CKV_K8S_43'],
      kubescape: ['C-0306'],
      differences:
        '`registry:5000/app` is untagged (the port is not a tag), which Polaris `tagNotSpecified` misses. A tag without a digest is information, `:latest` or no tag a warning.',
    },
    references: [{ title: 'Images: image names and digests', url: 'https://kubernetes.io/docs/concepts/containers/images/#image-names' }],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      const image = readString(context.file, container.node, 'image');
      if (image.state !== 'value' || image.value.trim() === '') return;
      const reference = parseImageReference(image.value.trim());
      if (reference.digest) return;
      if (!reference.tag || reference.tag === 'latest') {
        context.report({
          pair: image.pair,
          severity: 'warning',
          message: `${describeContainer(container)} uses image ${image.value.trim()}${reference.tag ? '' : ' without a tag (that means :latest)'}: every pull may get a different image. Pin a version and its @sha256 digest.`,
        });
        return;
      }
      context.report({
        pair: image.pair,
        message: `${describeContainer(container)} uses tag :${reference.tag} without a digest: tags can be moved. Pin the image by @sha256 digest.`,
      });
    });
  },
});
