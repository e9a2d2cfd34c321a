import { defineKubernetesRule } from '../../../rule';
import { getMap, getNode, getPair, getSeq, mapItems, scalarString } from '../../../documents/yaml';
import { describeContainer, forEachContainer } from '../helpers';

export default defineKubernetesRule({
  meta: {
    id: 'secret-as-env',
    title: 'Prefer mounting Secrets as files over environment variables',
    description:
      'Reports Secret data passed as environment variables: `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef`. Plain secret values in `env` are [secret-in-env](secret-in-env.md)\'s findings.',
    rationale:
      'Environment variables leak more easily than files: they are inherited by every child process, readable in `/proc/<pid>/environ` by anything that can ptrace the process, printed by crash handlers, debug endpoints and `env` in support sessions, and they never change while the pod runs, so a rotated Secret needs a restart. A Secret volume is a tmpfs file with its own permissions, updated in place.',
    remediation: 'Mount the Secret as a volume and read the file:\n\n```yaml\nvolumes:\n  - name: db\n    secret: {secretName: db, defaultMode: 0400}\ncontainers:\n  - name: app\n    volumeMounts:\n      - {name: db, mountPath: /var/run/secrets/db, readOnly: true}\n```',
    defaultSeverity: 'hint',
    category: 'hardening',
    fileKind: 'kubernetes',
    fix: 'none',
    peers: {
      kubeLinter: ['read-secret-from-env-var'],
      kubesec: ['SecretsAsEnvironmentVariables'],
      checkov: ['CKV_K8S_35'],
      kubescape: ['C-0207'],
      differences:
        'Both `valueFrom.secretKeyRef` and `envFrom.secretRef` (kube-linter `read-secret-from-env-var` checks only the first). Default severity hint: files are the better practice, env variables are not a flaw on their own.',
    },
    references: [{ title: 'Secrets: using Secrets as files from a Pod', url: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod' }, { title: 'Good practices for Kubernetes Secrets', url: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/' }],
  },
  check(context) {
    forEachContainer(context, (_workload, container) => {
      for (const entry of mapItems(getSeq(container.node, 'env'))) {
        const reference = getPair(getMap(entry, 'valueFrom'), 'secretKeyRef');
        if (!reference) continue;
        const name = scalarString(getNode(entry, 'name')) ?? 'a variable';
        const secret = scalarString(getNode(getMap(getMap(entry, 'valueFrom'), 'secretKeyRef'), 'name'));
        context.report({ pair: reference, message: `${describeContainer(container)} receives Secret${secret ? ` "${secret}"` : ''} data in environment variable ${name}, which child processes, /proc and crash dumps expose. Mount the Secret as a file instead.` });
      }
      for (const source of mapItems(getSeq(container.node, 'envFrom'))) {
        const reference = getPair(source, 'secretRef');
        if (!reference) continue;
        const secret = scalarString(getNode(getMap(source, 'secretRef'), 'name'));
        context.report({ pair: reference, message: `${describeContainer(container)} imports every key of Secret${secret ? ` "${secret}"` : ''} as environment variables, which child processes, /proc and crash dumps expose. Mount the Secret as a file instead.` });
      }
    });
  },
});
