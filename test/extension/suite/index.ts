// Entry point the VS Code test runner loads into the extension host (`--extensionTestsPath`): runs each scenario,
// reports each result, and rejects when any failed, which the editor turns into a non-zero exit code.
import { fixAllAndHardenCommands, hardenedSnippetHasNoFindings, insecureDeploymentShowsFindings, pssLevelSettingRediagnoses, quickFixesEditLikeTheRuleFixtures } from './kubernetes';
import { completionOffersOurItems, seccompAndFalcoDiagnostics } from './languages';

const SCENARIOS: [string, () => Promise<void>][] = [
  ['an insecure Deployment shows its findings with rule ids and documentation links', insecureDeploymentShowsFindings],
  ['quick fixes (drop ALL, runAsNonRoot, seccomp RuntimeDefault) edit like the rule fixtures', quickFixesEditLikeTheRuleFixtures],
  ['the commands "Fix all safe problems" and "Harden workload" edit the document', fixAllAndHardenCommands],
  ['completion in a securityContext, a seccomp names list and a Falco condition', completionOffersOurItems],
  ['the snippet "Hardened Deployment (restricted)" has no finding', hardenedSnippetHasNoFindings],
  ['a misspelled syscall and an unknown Falco field are reported', seccompAndFalcoDiagnostics],
  // Last: it changes a workspace setting.
  ['workloadGuard.pssLevel: baseline re-diagnoses the open file', pssLevelSettingRediagnoses],
];

export async function run(): Promise<void> {
  const only = process.env.WG_E2E_ONLY;
  const failures: string[] = [];
  for (const [name, scenario] of SCENARIOS) {
    if (only && !name.includes(only)) continue;
    const started = Date.now();
    try {
      await scenario();
      console.log(`  ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(name);
      console.error(`  FAIL ${name} (${Date.now() - started} ms)\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  const total = only ? SCENARIOS.filter(([name]) => name.includes(only)).length : SCENARIOS.length;
  console.log(`extension suite: ${total - failures.length} passed, ${failures.length} failed`);
  if (total === 0) throw new Error(`no scenario matches WG_E2E_ONLY=${only}`);
  if (failures.length) throw new Error(`${failures.length} scenario(s) failed: ${failures.join('; ')}`);
}
