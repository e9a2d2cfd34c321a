import { ruleDocsWebUrl, ruleHelpMarkdown, PROJECT_URL } from '../engine/docs';
import { ALL_RULES } from '../engine/registry';
import type { Range, Severity } from '../engine/types';
import type { FileReport } from './scan';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** LSP ranges are 0-based; SARIF regions are 1-based with an exclusive end column (utf16CodeUnits). */
export function toRegion(range: Range): SarifRegion {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function toSarif(files: readonly FileReport[], toolVersion: string): object {
  const ruleIndex = new Map(ALL_RULES.map((meta, index) => [meta.id, index]));
  const rules = ALL_RULES.map((meta) => ({
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, char: string) => char.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    helpUri: ruleDocsWebUrl(meta.id),
    help: { text: `${meta.description}\n\nWhy: ${meta.rationale}\n\nFix: ${meta.remediation}`, markdown: ruleHelpMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: {
      category: meta.category,
      // SARIF requires unique tags; a PSS rule's category already is its level (pss-baseline / pss-restricted).
      tags: [...new Set(['security', meta.category, ...(meta.pss ? [`pss-${meta.pss.level}`] : [])])],
      ...(meta.pss ? { pss: meta.pss } : {}),
      fix: meta.fix,
    },
  }));
  const results = files.flatMap((file) =>
    file.findings.map((finding) => {
      const location = { artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' } };
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { ...location, region: toRegion(finding.range) } }],
      };
      const index = ruleIndex.get(finding.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      if (finding.related?.length) {
        result.relatedLocations = finding.related.map((related, id) => ({ id, message: { text: related.message }, physicalLocation: { ...location, region: toRegion(related.range) } }));
      }
      if (finding.fixes?.length) {
        result.fixes = finding.fixes.map((fix) => ({
          description: { text: fix.safe ? fix.title : `${fix.title} (review: may change behaviour)` },
          artifactChanges: [{ artifactLocation: location.artifactLocation, replacements: fix.edits.map((edit) => ({ deletedRegion: toRegion(edit.range), insertedContent: { text: edit.newText } })) }],
        }));
      }
      const properties: Record<string, unknown> = { severity: finding.severity };
      if (finding.pss) properties.pss = finding.pss;
      result.properties = properties;
      return result;
    }),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'workload-guard', version: toolVersion, semanticVersion: toolVersion, informationUri: PROJECT_URL, rules } },
        columnKind: 'utf16CodeUnits',
        artifacts: files.map((file) => ({ location: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly FileReport[], toolVersion: string): string {
  return `${JSON.stringify(toSarif(files, toolVersion), null, 2)}\n`;
}
