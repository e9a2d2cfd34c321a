import type { KubernetesRule } from '../../../rule';

export const YAML_RULES: readonly KubernetesRule[] = [];
