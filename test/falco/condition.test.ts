// The Falco condition parser: the grammar of libs' filter parser, with exact error positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionSyntaxError, parseCondition, walkCondition, type ExprNode } from '../../server/src/engine/falco/condition';
import { substituteLists } from '../../server/src/engine/falco/lists';

function shape(node: ExprNode): string {
  switch (node.type) {
    case 'and':
    case 'or':
      return `${node.type}(${node.children.map(shape).join(', ')})`;
    case 'not':
      return `not(${shape(node.child)})`;
    case 'paren':
      return `[${shape(node.child)}]`;
    case 'macro':
      return `@${node.name}`;
    case 'check': {
      const left = node.left.type === 'field' ? `${node.left.name}${node.left.arg ? `[${node.left.arg.value}]` : ''}` : `${node.left.name}()`;
      const right = node.right
        ? node.right.type === 'value'
          ? JSON.stringify(node.right.value)
          : node.right.type === 'list'
            ? `(${node.right.items.map((item) => item.value).join(',')})`
            : node.right.type === 'listref'
              ? `&${node.right.name}`
              : node.right.type === 'field'
                ? node.right.name
                : node.right.type === 'transformer'
                  ? `${node.right.name}()`
                  : '(…)'
        : '';
      return `${left} ${node.operator}${node.modifier ? ` ${node.modifier.name}` : ''}${right ? ` ${right}` : ''}`;
    }
  }
}

function errorAt(text: string): { message: string; at: string } {
  try {
    parseCondition(text);
  } catch (error) {
    assert.ok(error instanceof ConditionSyntaxError);
    return { message: error.message, at: text.slice(error.span.start, error.span.end) };
  }
  assert.fail(`expected a syntax error in: ${text}`);
}

test('precedence: not binds tightest, then and, then or', () => {
  assert.equal(shape(parseCondition('a or b and not c')), 'or(@a, and(@b, not(@c)))');
  assert.equal(shape(parseCondition('not not a and (b or c)')), 'and(not(not(@a)), [or(@b, @c)])');
  assert.equal(shape(parseCondition('not(a) and b')), 'and(not([@a]), @b)');
});

test('checks: operators, values, lists, list names, modifiers, exists', () => {
  assert.equal(shape(parseCondition('evt.type in (open, openat) and fd.name startswith /etc')), 'and(evt.type in (open,openat), fd.name startswith "/etc")');
  assert.equal(shape(parseCondition("proc.name = 'my app' and proc.pid >= 100")), 'and(proc.name = "my app", proc.pid >= "100")');
  assert.equal(shape(parseCondition('proc.aname[2] pmatch (/usr/bin, /bin)')), 'proc.aname[2] pmatch (/usr/bin,/bin)');
  assert.equal(shape(parseCondition('evt.arg.flags contains O_CREAT')), 'evt.arg.flags contains "O_CREAT"');
  assert.equal(shape(parseCondition('evt.arg[0] exists')), 'evt.arg[0] exists');
  assert.equal(shape(parseCondition('proc.name in shell_binaries')), 'proc.name in &shell_binaries');
  assert.equal(shape(parseCondition('proc.args contains oneof (a, b)')), 'proc.args contains oneof (a,b)');
  assert.equal(shape(parseCondition('proc.name = oneof')), 'proc.name = "oneof"', 'a modifier needs a list after it');
  assert.equal(shape(parseCondition('k8s.pod.label[app.kubernetes.io/name] = web')), 'k8s.pod.label[app.kubernetes.io/name] = "web"');
  assert.equal(shape(parseCondition('fd.num=-1')), 'fd.num = "-1"');
  assert.equal(shape(parseCondition('evt.rawarg.res < 0x10')), 'evt.rawarg.res < "0x10"');
});

test('transformers and field-to-field comparisons', () => {
  assert.equal(shape(parseCondition('tolower(proc.name) = bash')), 'tolower() = "bash"');
  assert.equal(shape(parseCondition('proc.name = val(proc.pname)')), 'proc.name = val()');
  assert.equal(shape(parseCondition('len(proc.args) > 10')), 'len() > "10"');
  assert.equal(shape(parseCondition('basename(toupper(fd.name)) = X')), 'basename() = "X"');
  assert.equal(shape(parseCondition("join(',', (proc.name, proc.pname)) = a")), 'join() = "a"');
  assert.equal(errorAt('len((proc.name, (a))) > 1').at, 'a');
});

test('quoted strings and escapes', () => {
  const node = parseCondition('proc.cmdline = "a \\"b\\" \\x41\\t"');
  assert.equal(node.type, 'check');
  assert.equal(node.type === 'check' && node.right?.type === 'value' ? node.right.value : '', 'a "b" A\t');
  assert.deepEqual(errorAt('proc.name = "a\\q"'), { message: 'unsupported string escape sequence', at: '\\q' });
  assert.deepEqual(errorAt('proc.name = "open'), { message: 'unterminated quoted string', at: '"open' });
});

test('syntax errors point at the offending token', () => {
  assert.deepEqual(errorAt(''), { message: 'filter input string is empty', at: '' });
  assert.deepEqual(errorAt('proc.name = bash and'), { message: "'and' must be followed by a condition", at: 'and' });
  assert.equal(errorAt('proc.name = bash and (').message, "expected a field, a macro name or '(' but the condition ends here");
  assert.deepEqual(errorAt('proc.name === bash').at, '=');
  assert.equal(errorAt('proc.name bash').at, 'bash');
  assert.match(errorAt('proc.name bash').message, /expected an operator after 'proc.name'/);
  assert.equal(errorAt('proc.name = bash foo').at, 'foo');
  assert.match(errorAt('proc.name = bash foo').message, /expecting 'or', 'and'/);
  assert.equal(errorAt('(proc.name = bash').message, "expected ')' to close the '('");
  assert.equal(errorAt('proc.pid > abc').at, 'abc');
  assert.equal(errorAt('proc.name in (a, b').at, '');
  assert.equal(errorAt('val(proc.name) = x').at, 'val');
  assert.equal(errorAt('a andb').at, 'andb', "'andb' is not the keyword and");
  assert.equal(errorAt('proc.name[] = x').message, 'expected a field argument inside [ ]');
  assert.equal(errorAt('proc.name in (a, b64(fd.name))').at, '(', 'transformers are not list items');
});

test('keywords are only keywords where the grammar expects them', () => {
  assert.equal(shape(parseCondition('not_macro and notb')), 'and(@not_macro, @notb)');
  assert.equal(shape(parseCondition('fd.name = not')), 'fd.name = "not"');
});

test('depth is limited like the rule loader does (1000)', () => {
  assert.doesNotThrow(() => parseCondition(`${'('.repeat(300)}a${')'.repeat(300)}`));
  assert.match(errorAt(`${'('.repeat(5000)}a${')'.repeat(5000)}`).message, /exceeded max depth limit of 1000/);
});

test('walkCondition visits fields inside transformers and lists', () => {
  const names: string[] = [];
  walkCondition(parseCondition('concat(proc.name, fd.name) = x and not a'), (node) => {
    if (node.type === 'field' || node.type === 'macro') names.push(node.name);
  });
  assert.deepEqual(names, ['proc.name', 'fd.name', 'a']);
});

test('lists are substituted as text, like Falco does before parsing', () => {
  const lists = [
    { name: 'shell_binaries', items: ['bash', 'sh'] },
    { name: 'empty_list', items: [] },
    { name: 'spaced', items: ['a b', '"q r"'] },
  ];
  assert.equal(substituteLists('proc.name in (shell_binaries)', lists), 'proc.name in (bash, sh)');
  assert.equal(substituteLists('proc.name in (x, empty_list)', lists), 'proc.name in (x)');
  assert.equal(substituteLists('proc.name in (empty_list)', lists), 'proc.name in ()');
  assert.equal(substituteLists('proc.name in (spaced)', lists), 'proc.name in ("a b", "q r")');
  assert.equal(substituteLists('proc.name = "shell_binaries"', lists), 'proc.name = "shell_binaries"', 'a quote is not a boundary, so the name inside quotes is not bounded here');
  assert.equal(substituteLists('proc.name=shell_binaries', lists), 'proc.name=bash, sh', 'a bare value after = is replaced too');
  assert.equal(substituteLists('shell_binaries_x = 1', lists), 'shell_binaries_x = 1');
});
