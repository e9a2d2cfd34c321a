import * as path from 'path';
import { pathToFileURL } from 'url';
import { packageInfo } from '../packageInfo';

/** The rule's page: under a configured docs base URL, else the page shipped in the package's docs/rules/. */
export function ruleDocsUrl(ruleId: string, baseUrl?: string): string | undefined {
  if (baseUrl) return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${ruleId}.md`;
  const root = packageInfo()?.root;
  return root ? pathToFileURL(path.join(root, 'docs', 'rules', `${ruleId}.md`)).toString() : undefined;
}
