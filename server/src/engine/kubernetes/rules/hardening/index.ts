import type { KubernetesRule } from '../../../rule';

export const HARDENING_RULES: readonly KubernetesRule[] = [];
