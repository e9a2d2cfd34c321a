import type { KubernetesRule } from '../../../rule';
import privileged from './pss-privileged';

export const PSS_RULES: readonly KubernetesRule[] = [privileged];
