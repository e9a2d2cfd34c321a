import type { RuleMeta } from '../rule';

export const fileTooLarge: RuleMeta = {
  id: 'file-too-large',
  title: 'File larger than maxFileSize: not analyzed',
  description:
    'The file is larger than the `maxFileSize` setting (5 MB unless configured), so Workload Guard did not parse or analyze it. This one diagnostic stands in for all findings of the file.',
  rationale:
    'Generated dumps of tens of megabytes would cost seconds of CPU and hundreds of megabytes of memory on every edit, slowing down the editor for every other file; hand-written manifests are far smaller.',
  remediation:
    'To analyze the file anyway, raise the limit: `maxFileSize: 20971520` (bytes; `0` means no limit) in `.workload-guard.yaml`, or the editor setting `workloadGuard.maxFileSize`. Splitting the file into smaller ones also works.',
  defaultSeverity: 'information',
  category: 'config',
  fileKind: 'unknown',
  fix: 'none',
};
