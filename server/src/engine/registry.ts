import { KUBERNETES_RULES } from './kubernetes/rules';
import type { RuleMeta } from './rule';
import { CORE_RULES } from './rules';
import { SECCOMP_RULES, seccompJsonSyntax, seccompSchema } from './seccomp/rules';
import { FALCO_RULES } from './falco/rules';

/** Every rule the engine knows, for docs, SARIF rule metadata, settings validation and code actions. */
export const ALL_RULES: readonly RuleMeta[] = [
  ...CORE_RULES,
  ...KUBERNETES_RULES.map((rule) => rule.meta),
  seccompJsonSyntax,
  seccompSchema,
  ...SECCOMP_RULES.map((rule) => rule.meta),
  ...FALCO_RULES.map((rule) => rule.meta),
];

const byId = new Map(ALL_RULES.map((meta) => [meta.id, meta]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}
