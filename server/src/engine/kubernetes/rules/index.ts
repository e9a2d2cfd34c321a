import type { KubernetesRule } from '../../rule';
import { HARDENING_RULES } from './hardening';
import { PSS_RULES } from './pss';
import { YAML_RULES } from './yaml';
import runtimeClassInvalid from './cluster/runtimeclass-invalid';
import runtimeClassNotFound from './cluster/runtimeclass-not-found';

export const KUBERNETES_RULES: readonly KubernetesRule[] = [...PSS_RULES, ...HARDENING_RULES, ...YAML_RULES, runtimeClassInvalid, runtimeClassNotFound];
