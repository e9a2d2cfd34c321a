import type { KubernetesRule } from '../../rule';
import { HARDENING_RULES } from './hardening';
import { PSS_RULES } from './pss';
import { YAML_RULES } from './yaml';
import runtimeClassInvalid from './cluster/runtimeclass-invalid';
import runtimeClassNotFound from './cluster/runtimeclass-not-found';
import auditPolicyValues from './cluster/audit-policy-values';
import auditPolicyRuleOrder from './cluster/audit-policy-rule-order';
import auditPolicySensitiveData from './cluster/audit-policy-sensitive-data';
import admissionWebhookInvalid from './cluster/admission-webhook-invalid';
import admissionWebhookFailOpen from './cluster/admission-webhook-fail-open';
import admissionPolicyCel from './cluster/admission-policy-cel';
import secretInManifest from './cluster/secret-in-manifest';
import serviceAccountAutomount from './cluster/service-account-automount';
import networkPolicyMissing from './cluster/network-policy-missing';

export const KUBERNETES_RULES: readonly KubernetesRule[] = [...PSS_RULES, ...HARDENING_RULES, ...YAML_RULES, runtimeClassInvalid, runtimeClassNotFound, auditPolicyValues, auditPolicyRuleOrder, auditPolicySensitiveData, admissionWebhookInvalid, admissionWebhookFailOpen, admissionPolicyCel, secretInManifest, serviceAccountAutomount, networkPolicyMissing];
