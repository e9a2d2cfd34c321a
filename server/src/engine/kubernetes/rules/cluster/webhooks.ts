// Shared reading of admissionregistration.k8s.io/v1 webhook configurations (k8s.io/api admissionregistration/v1).
import { getSeq, mapItems, type YAMLMap } from '../../../documents/yaml';
import type { KubernetesObject } from '../../model';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];

export function isWebhookConfiguration(object: KubernetesObject): boolean {
  return WEBHOOK_KINDS.includes(object.kind) && object.apiVersion.startsWith('admissionregistration.k8s.io/');
}

export function webhooksOf(object: KubernetesObject): YAMLMap[] {
  return mapItems(getSeq(object.root, 'webhooks'));
}
