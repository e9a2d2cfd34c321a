// "Scan workspace": analyzes every YAML and JSON file of the workspace folders that is not open in an editor and
// publishes its findings, so the Problems view covers the whole project, as `workload-guard scan` does in CI.
import { pathToFileURL } from 'node:url';
import { readIndexable, walkFiles } from './workspaceFiles';

export interface ScanTarget {
  folders: readonly string[];
  isOpen(uri: string): boolean;
  /** Findings of one file as diagnostics-to-publish; how many there are is all the scan counts. */
  diagnose(uri: string, text: string): Promise<{ count: number; publish: () => void }>;
}

export interface ScanSummary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  /** The files whose diagnostics this scan published (closing one of them must not clear its findings). */
  published: string[];
}

export interface ScanReporter {
  isCancelled(): boolean;
  report(done: number, total: number): void;
}

export async function scanWorkspace(target: ScanTarget, reporter: ScanReporter): Promise<ScanSummary> {
  const paths: string[] = [];
  await walkFiles(target.folders, (name) => /\.(ya?ml|json)$/i.test(name), async (full) => {
    paths.push(full);
  });
  const summary: ScanSummary = { files: 0, filesWithFindings: 0, findings: 0, cancelled: false, published: [] };
  for (const [index, full] of paths.entries()) {
    if (reporter.isCancelled()) {
      summary.cancelled = true;
      break;
    }
    reporter.report(index, paths.length);
    const uri = pathToFileURL(full).toString();
    if (target.isOpen(uri)) continue; // open editors are diagnosed as they change
    const text = await readIndexable(full);
    if (text === undefined) continue;
    const { count, publish } = await target.diagnose(uri, text);
    summary.files++;
    if (count > 0) {
      summary.filesWithFindings++;
      summary.findings += count;
      publish();
      summary.published.push(uri);
    }
  }
  reporter.report(paths.length, paths.length);
  return summary;
}
