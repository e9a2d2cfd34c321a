import * as path from 'path';
import { pathToFileURL } from 'url';
import { packageInfo } from '../packageInfo';

/** Shipped pages by rule id: a big file has thousands of findings of a few dozen rules (one URL each, built once). */
const shippedPages = new Map<string, string | undefined>();

/** The rule's page: under a configured docs base URL, else the page shipped in the package's docs/rules/. */
export function ruleDocsUrl(ruleId: string, baseUrl?: string): string | undefined {
  if (baseUrl) return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${ruleId}.md`;
  if (!shippedPages.has(ruleId)) {
    const root = packageInfo()?.root;
    shippedPages.set(ruleId, root ? pathToFileURL(path.join(root, 'docs', 'rules', `${ruleId}.md`)).toString() : undefined);
  }
  return shippedPages.get(ruleId);
}
