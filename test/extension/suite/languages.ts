// Completion in the three file kinds, and the seccomp and Falco diagnostics, through the editor's own commands.
import assert from 'node:assert/strict';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAll, codeOf, completionLabels, expectedLines, open, ourDiagnostics, findingKeys, readText, RULE_FIXTURES, scenarioFolder, waitFor, writeScenarioFile } from './support';

const POD_WITH_EMPTY_SECURITY_CONTEXT = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '    - name: app', '      image: app:1', '      securityContext:', '        ', ''].join('\n');
const SECCOMP_PROFILE = ['{', '  "defaultAction": "SCMP_ACT_ERRNO",', '  "architectures": ["SCMP_ARCH_X86_64"],', '  "syscalls": [{"names": ["read", ""], "action": "SCMP_ACT_ALLOW"}]', '}', ''].join('\n');
const FALCO_RULES = ['- rule: Shell in container', '  desc: a shell started in a container', '  condition: container.id != host and proc.name ', '  output: "shell %proc.name"', '  priority: WARNING', ''].join('\n');

/** Completion at a position, polled until our items are there (the server may still be starting). */
async function completionIncludes(uri: vscode.Uri, position: vscode.Position, expected: readonly string[]): Promise<string[]> {
  let labels: string[] = [];
  return waitFor(
    `completion items ${expected.join(', ')} at ${position.line}:${position.character}`,
    async () => {
      labels = completionLabels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position));
      return expected.every((label) => labels.includes(label)) ? labels : undefined;
    },
    () => labels.slice(0, 20).join(', '),
  );
}

export async function completionOffersOurItems(): Promise<void> {
  const pod = writeScenarioFile('s4-completion', 'pod.yaml', POD_WITH_EMPTY_SECURITY_CONTEXT);
  await open(pod);
  const securityContext = await completionIncludes(pod, new vscode.Position(9, 8), ['runAsNonRoot', 'allowPrivilegeEscalation', 'seccompProfile', 'capabilities']);
  assert.ok(!securityContext.includes('fsGroup'), 'fsGroup is a pod-level field, not a container one');

  const profile = writeScenarioFile('s4-completion', 'profile.json', SECCOMP_PROFILE);
  const profileEditor = await open(profile);
  assert.equal(profileEditor.document.languageId, 'json');
  const namesLine = 3;
  const emptyName = SECCOMP_PROFILE.split('\n')[namesLine].indexOf('""') + 1;
  await completionIncludes(profile, new vscode.Position(namesLine, emptyName), ['openat', 'ptrace', 'write']);

  const falco = writeScenarioFile('s4-completion', 'falco_rules.yaml', FALCO_RULES);
  await open(falco);
  const conditionLine = FALCO_RULES.split('\n')[2];
  // After the boolean operator `and`: fields; after a field: the comparison operators for its type.
  await completionIncludes(falco, new vscode.Position(2, conditionLine.indexOf('proc.name')), ['proc.name', 'container.image.repository', 'fd.name']);
  await completionIncludes(falco, new vscode.Position(2, conditionLine.length), ['startswith', 'in', 'exists', 'contains']);
  await closeAll();
}

export async function seccompAndFalcoDiagnostics(): Promise<void> {
  const seccompFixture = path.join(RULE_FIXTURES, 'seccomp-unknown-syscall', 'invalid', 'typos.json');
  const falcoFixture = path.join(RULE_FIXTURES, 'falco-unknown-field', 'invalid', 'fields.yaml');
  const uris = scenarioFolder('s6-seccomp-falco', { 'typos.json': seccompFixture, 'falco_rules.yaml': falcoFixture });

  // JSON fixtures keep their markers in <file>.expect: `<1-based line>: <rule-id>`.
  const seccompExpected = readText(`${seccompFixture}.expect`)
    .split('\n')
    .filter((line) => line.includes('seccomp-unknown-syscall'))
    .map((line) => `${Number(line.split(':')[0]) - 1}:seccomp-unknown-syscall`)
    .sort();
  await open(uris['typos.json']);
  await waitFor('the misspelled syscalls', () => (JSON.stringify(keysOf(uris['typos.json'], 'seccomp-unknown-syscall')) === JSON.stringify(seccompExpected) ? true : undefined), () => findingKeys(uris['typos.json']).join(', '));
  const ptrce = ourDiagnostics(uris['typos.json']).find((diagnostic) => codeOf(diagnostic) === 'seccomp-unknown-syscall' && diagnostic.message.includes('ptrce'));
  assert.match(ptrce?.message ?? '', /ptrace/, 'the message suggests the right spelling');

  const falcoExpected = expectedLines(readText(falcoFixture), 'falco-unknown-field').map((line) => `${line}:falco-unknown-field`).sort();
  assert.ok(falcoExpected.length > 0);
  await open(uris['falco_rules.yaml']);
  await waitFor('the unknown Falco fields', () => (JSON.stringify(keysOf(uris['falco_rules.yaml'], 'falco-unknown-field')) === JSON.stringify(falcoExpected) ? true : undefined), () => findingKeys(uris['falco_rules.yaml']).join(', '));
  await closeAll();
}

function keysOf(uri: vscode.Uri, ruleId: string): string[] {
  return findingKeys(uri).filter((key) => key.endsWith(`:${ruleId}`));
}
