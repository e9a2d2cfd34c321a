import type { RuleMeta } from '../rule';

export const configInvalid: RuleMeta = {
  id: 'config-invalid',
  title: 'Invalid Workload Guard configuration',
  description:
    'A setting in `.workload-guard.yaml` does not match the configuration schema (`schemas/workload-guard-config.schema.json`). The invalid setting is ignored; the rest of the file still applies.',
  rationale: 'A misspelled setting (for example `pssLvel`) would otherwise be ignored silently, and the project would be checked with rules it meant to change.',
  remediation: 'Use one of the documented keys: `pssLevel`, `kubernetesVersion`, `rules`, `enable`, `ignorePaths`. See the README for examples.',
  defaultSeverity: 'error',
  category: 'config',
  fileKind: 'config',
  fix: 'none',
};
