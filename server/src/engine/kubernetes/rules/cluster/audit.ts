// Shared reading of audit.k8s.io Policy objects (k8s.io/apiserver pkg/apis/audit/v1 types.go).
import { getSeq, mapItems, type YAMLMap } from '../../../documents/yaml';
import type { KubernetesObject } from '../../model';

export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
export const AUDIT_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
export const POLICY_KEYS = ['apiVersion', 'kind', 'metadata', 'rules', 'omitStages', 'omitManagedFields'];
export const RULE_KEYS = ['level', 'users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs', 'omitStages', 'omitManagedFields'];
export const GROUP_RESOURCE_KEYS = ['group', 'resources', 'resourceNames'];
/** The selectors of a rule: a rule with none of them matches every request. */
export const RULE_SELECTORS = ['users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs'];

export function isAuditPolicy(object: KubernetesObject): boolean {
  return object.kind === 'Policy' && object.apiVersion.startsWith('audit.k8s.io/');
}

export function auditRules(object: KubernetesObject): YAMLMap[] {
  return mapItems(getSeq(object.root, 'rules'));
}
