// The Falco filter language (conditions), parsed the way libs' recursive-descent parser reads it
// (userspace/libsinsp/filter/parser.cpp, restated in shared/data/falco/language.json "lexical" and "grammar"):
// the first error stops parsing and is reported at its exact offset.
import type { Span } from '../types';

export type BinaryOp = 'and' | 'or';

export interface FieldNode {
  type: 'field';
  name: string;
  nameSpan: Span;
  arg?: { value: string; span: Span };
  span: Span;
}

export interface TransformerNode {
  type: 'transformer';
  name: string;
  nameSpan: Span;
  args: OperandNode[];
  arg?: { value: string; span: Span };
  span: Span;
}

export interface ValueNode {
  type: 'value';
  value: string;
  quoted: boolean;
  span: Span;
}

export interface ListNode {
  type: 'list';
  items: ValueNode[];
  span: Span;
}

/** An identifier where a list is expected (a list name, substituted textually by Falco before parsing). */
export interface ListRefNode {
  type: 'listref';
  name: string;
  span: Span;
}

/** A parenthesised argument list of a multi-value transformer: `join(',', (proc.name, "x"))`. */
export interface ArgListNode {
  type: 'arglist';
  items: OperandNode[];
  span: Span;
}

export type OperandNode = FieldNode | TransformerNode | ValueNode | ListNode | ListRefNode | ArgListNode;

export interface CheckNode {
  type: 'check';
  left: FieldNode | TransformerNode;
  operator: string;
  operatorSpan: Span;
  modifier?: { name: string; span: Span };
  /** Absent for `exists`. A field on the right-hand side comes from val() or a transformer. */
  right?: OperandNode;
  span: Span;
}

export interface MacroRefNode {
  type: 'macro';
  name: string;
  span: Span;
}

export interface NotNode {
  type: 'not';
  child: ExprNode;
  span: Span;
}

export interface BinaryNode {
  type: BinaryOp;
  children: ExprNode[];
  /** Spans of the `and`/`or` keywords, for the precedence hint. */
  keywordSpans: Span[];
  span: Span;
}

export interface ParenNode {
  type: 'paren';
  child: ExprNode;
  span: Span;
}

export type ExprNode = BinaryNode | NotNode | CheckNode | MacroRefNode | ParenNode;

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

export const TRANSFORMERS = ['tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'] as const;
export const NUMERIC_OPERATORS = ['<=', '<', '>=', '>'] as const;
/** Longer spellings first so the prefix match picks the whole word. */
export const STRING_OPERATORS = ['==', '=', '!=', 'bstartswith', 'startswith', 'endswith', 'bcontains', 'icontains', 'contains', 'iglob', 'glob', 'regex'] as const;
export const LIST_OPERATORS = ['intersects', 'in', 'pmatch'] as const;
export const MODIFIERS = ['oneof', 'anyof', 'allof'] as const;
export const ALL_OPERATORS = ['exists', ...NUMERIC_OPERATORS, ...STRING_OPERATORS, ...LIST_OPERATORS] as const;

const BLANKS = new Set([' ', '\t', '\b', '\r', '\n']);
const SPACE_CLASS = /[ \t\n\r\f\v]/;
const IDENTIFIER = /[a-zA-Z]+[a-zA-Z0-9_]*/y;
const FIELD_NAME = /[a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y;
const FIELD_ARG_BARE = /[^\][\"'\s]+/y;
const BARE_STRING = /[^()"'\s=,]+/y;
const NUMBER = /0[xX][0-9a-fA-F]+|[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
const WORD_CHAR = /[a-zA-Z0-9_]/;
const MAX_DEPTH = 1000;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '\\': '\\', '/': '/', ' ': '\\' };

export function parseCondition(text: string): ExprNode {
  return new ConditionParser(text).parse();
}

class ConditionParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): ExprNode {
    if (this.text.trim() === '') throw new ConditionSyntaxError('filter input string is empty', { start: 0, end: this.text.length });
    this.blanks();
    let expr: ExprNode;
    try {
      expr = this.parseOr();
    } catch (error) {
      // Deep nesting can exhaust the JS stack before the 1000-level cap: report it like the cap.
      if (error instanceof RangeError) throw new ConditionSyntaxError(`exceeded max depth limit of ${MAX_DEPTH}`, { start: 0, end: Math.min(1, this.text.length) });
      throw error;
    }
    this.blanks();
    const dangling = /^(and|or|not)\s*$/.exec(this.text.slice(this.pos));
    if (dangling) throw this.error(`'${dangling[1]}' must be followed by a condition`, { start: this.pos, end: this.pos + dangling[1].length });
    if (this.pos < this.text.length) {
      throw this.error(`unexpected token after '${this.preview(this.lastTokenEnd())}', expecting 'or', 'and'`, this.tokenSpan());
    }
    return expr;
  }

  // ---- expressions --------------------------------------------------------------------------------------------

  private parseOr(): ExprNode {
    return this.parseBinary('or', () => this.parseAnd());
  }

  private parseAnd(): ExprNode {
    return this.parseBinary('and', () => this.parseNot());
  }

  private parseBinary(keyword: BinaryOp, operand: () => ExprNode): ExprNode {
    const start = this.pos;
    const children = [operand()];
    const keywordSpans: Span[] = [];
    for (;;) {
      const save = this.pos;
      this.blanks();
      if (!this.keyword(keyword)) {
        this.pos = save;
        break;
      }
      const keywordSpan = { start: this.pos, end: this.pos + keyword.length };
      this.pos += keyword.length;
      keywordSpans.push(keywordSpan);
      if (this.text[this.pos] === '(') {
        children.push(this.parseParenthesised());
      } else {
        this.blanks();
        children.push(operand());
      }
    }
    if (children.length === 1) return children[0];
    return { type: keyword, children, keywordSpans, span: { start, end: this.pos } };
  }

  /** `and`/`or` only count as keywords when followed by a blank or '(' ('andb' is an identifier). */
  private keyword(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    const next = this.text[this.pos + word.length];
    return next === '(' || (next !== undefined && BLANKS.has(next));
  }

  private parseNot(): ExprNode {
    const start = this.pos;
    if (this.text.startsWith('not', this.pos)) {
      const next = this.text[this.pos + 3];
      if (next === '(') {
        this.pos += 3;
        const child = this.parseParenthesised();
        return { type: 'not', child, span: { start, end: this.pos } };
      }
      if (next !== undefined && SPACE_CLASS.test(next)) {
        this.pos += 3;
        while (this.pos < this.text.length && SPACE_CLASS.test(this.text[this.pos])) this.pos++;
        const child = this.nested(() => this.parseNot());
        return { type: 'not', child, span: { start, end: this.pos } };
      }
    }
    return this.parseCheck();
  }

  private parseParenthesised(): ParenNode {
    const start = this.pos;
    this.expect('(');
    const child = this.nested(() => {
      this.blanks();
      const expr = this.parseOr();
      this.blanks();
      return expr;
    });
    if (this.text[this.pos] !== ')') throw this.error("expected ')' to close the '('", this.tokenSpan());
    this.pos++;
    return { type: 'paren', child, span: { start, end: this.pos } };
  }

  private parseCheck(): ExprNode {
    this.blanks();
    const start = this.pos;
    if (this.text[this.pos] === '(') return this.parseParenthesised();
    if (this.pos >= this.text.length) throw this.error('expected a field, a macro name or \'(\' but the condition ends here', { start: this.pos, end: this.pos });
    const transformer = this.tryTransformer(false);
    const left = transformer ?? this.tryField();
    if (!left) {
      const identifier = this.match(IDENTIFIER);
      if (identifier && identifier !== 'and' && identifier !== 'or') {
        this.pos += identifier.length;
        return { type: 'macro', name: identifier, span: { start, end: this.pos } };
      }
      throw this.error(`expected a field, a macro name or '(' but found '${this.preview(this.pos)}'`, this.tokenSpan());
    }
    this.blanks();
    return this.parseCondition(left, start);
  }

  private parseCondition(left: FieldNode | TransformerNode, start: number): CheckNode {
    const operatorStart = this.pos;
    const operator = this.operator();
    if (!operator) throw this.error(`expected an operator after '${this.text.slice(left.span.start, left.span.end)}' (=, !=, <, contains, in, exists …) but found '${this.preview(this.pos)}'`, this.tokenSpan());
    const operatorSpan = { start: operatorStart, end: this.pos };
    const node: CheckNode = { type: 'check', left, operator, operatorSpan, span: { start, end: this.pos } };
    if (operator === 'exists') return node;
    this.blanks();
    if ((NUMERIC_OPERATORS as readonly string[]).includes(operator)) {
      node.right = this.tryRhsTransformer() ?? this.number();
    } else if ((LIST_OPERATORS as readonly string[]).includes(operator)) {
      node.right = this.tryRhsTransformer() ?? this.listValue();
    } else {
      const modifier = this.tryModifier();
      if (modifier) {
        node.modifier = modifier;
        this.blanks();
        node.right = this.listValue();
      } else node.right = this.tryRhsTransformer() ?? this.stringValue();
    }
    node.span.end = this.pos;
    return node;
  }

  private operator(): string | undefined {
    if (this.wordAt('exists')) {
      this.pos += 'exists'.length;
      return 'exists';
    }
    for (const operator of NUMERIC_OPERATORS) {
      if (this.text.startsWith(operator, this.pos)) {
        this.pos += operator.length;
        return operator;
      }
    }
    for (const operator of [...STRING_OPERATORS, ...LIST_OPERATORS]) {
      if (!this.text.startsWith(operator, this.pos)) continue;
      const next = this.text[this.pos + operator.length];
      const symbolic = !/[a-z]/.test(operator[0]);
      // Word operators need a blank after them (`in`, `intersects` and `pmatch` also take '(' directly).
      const listOperator = (LIST_OPERATORS as readonly string[]).includes(operator);
      if (!symbolic && !(next !== undefined && (BLANKS.has(next) || (listOperator && next === '(')))) continue;
      this.pos += operator.length;
      return operator;
    }
    return undefined;
  }

  private wordAt(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    const next = this.text[this.pos + word.length];
    return next === undefined || !WORD_CHAR.test(next);
  }

  private tryModifier(): { name: string; span: Span } | undefined {
    for (const name of MODIFIERS) {
      if (!this.text.startsWith(name, this.pos)) continue;
      const after = this.pos + name.length;
      if (!BLANKS.has(this.text[after] ?? '')) continue;
      let look = after;
      while (BLANKS.has(this.text[look] ?? '')) look++;
      // A modifier only when a list follows: '(' or an identifier that is not a keyword.
      const rest = this.text.slice(look);
      if (!rest.startsWith('(') && !/^[a-zA-Z]/.test(rest)) continue;
      if (/^(?:and|or|not)(?:[\s(]|$)/.test(rest)) continue;
      const span = { start: this.pos, end: after };
      this.pos = after;
      return { name, span };
    }
    return undefined;
  }

  // ---- operands -----------------------------------------------------------------------------------------------

  private tryField(): FieldNode | undefined {
    const name = this.match(FIELD_NAME);
    if (!name) return undefined;
    const start = this.pos;
    this.pos += name.length;
    const node: FieldNode = { type: 'field', name, nameSpan: { start, end: this.pos }, span: { start, end: this.pos } };
    if (this.text[this.pos] === '[') node.arg = this.fieldArg();
    node.span.end = this.pos;
    return node;
  }

  private fieldArg(): { value: string; span: Span } {
    const start = this.pos;
    this.expect('[');
    let value: string;
    if (this.text[this.pos] === '"' || this.text[this.pos] === "'") value = this.quoted().value;
    else {
      const bare = this.match(FIELD_ARG_BARE);
      if (!bare) throw this.error('expected a field argument inside [ ]', this.tokenSpan());
      value = bare;
      this.pos += bare.length;
    }
    if (this.text[this.pos] !== ']') throw this.error("expected ']' to close the field argument", this.tokenSpan());
    this.pos++;
    return { value, span: { start, end: this.pos } };
  }

  /** A transformer call (name directly followed by '('); `val(` only where `rhs` allows it. */
  private tryTransformer(rhs: boolean): TransformerNode | undefined {
    const name = this.match(IDENTIFIER);
    if (!name || this.text[this.pos + name.length] !== '(') return undefined;
    if (name === 'val' && !rhs) throw this.error('val() is only allowed on the right-hand side of a comparison', { start: this.pos, end: this.pos + 3 });
    // Any other name followed by '(' is not a transformer (a macro then gets a "missing operator" error).
    if (name !== 'val' && !(TRANSFORMERS as readonly string[]).includes(name)) return undefined;
    const start = this.pos;
    this.pos += name.length;
    const nameSpan = { start, end: this.pos };
    this.expect('(');
    const args: OperandNode[] = [];
    this.nested(() => {
      this.blanks();
      if (name === 'val') {
        const field = this.tryField();
        if (!field) throw this.error('val() takes exactly one field', this.tokenSpan());
        args.push(field);
      } else {
        for (;;) {
          args.push(this.transformerArg());
          this.blanks();
          if (this.text[this.pos] !== ',') break;
          this.pos++;
          this.blanks();
        }
      }
      this.blanks();
    });
    if (this.text[this.pos] !== ')') throw this.error(`expected ')' to close ${name}(`, this.tokenSpan());
    this.pos++;
    const node: TransformerNode = { type: 'transformer', name, nameSpan, args, span: { start, end: this.pos } };
    if (this.text[this.pos] === '[') node.arg = this.fieldArg();
    node.span.end = this.pos;
    return node;
  }

  private tryRhsTransformer(): TransformerNode | undefined {
    return this.tryTransformer(true);
  }

  private transformerArg(): OperandNode {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") return this.quoted();
    if (char === '(') {
      const start = this.pos;
      this.pos++;
      const items: OperandNode[] = [];
      this.blanks();
      while (this.text[this.pos] !== ')') {
        const item = this.transformerArg();
        if (item.type === 'arglist') throw this.error('argument lists cannot be nested', item.span);
        items.push(item);
        this.blanks();
        if (this.text[this.pos] === ',') {
          this.pos++;
          this.blanks();
        } else if (this.text[this.pos] !== ')') throw this.error("expected ',' or ')'", this.tokenSpan());
      }
      this.pos++;
      return { type: 'arglist', items, span: { start, end: this.pos } };
    }
    const transformer = this.tryTransformer(false);
    if (transformer) return transformer;
    const field = this.tryField();
    if (field) return field;
    if (this.match(NUMBER)) return this.number();
    throw this.error(`expected a field, a transformer, a quoted string or a number but found '${this.preview(this.pos)}'`, this.tokenSpan());
  }

  private number(): ValueNode {
    const value = this.match(NUMBER);
    if (!value) throw this.error(`expected a number but found '${this.preview(this.pos)}'`, this.tokenSpan());
    const start = this.pos;
    this.pos += value.length;
    return { type: 'value', value, quoted: false, span: { start, end: this.pos } };
  }

  private stringValue(): ValueNode {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") return this.quoted();
    const bare = this.match(BARE_STRING);
    if (!bare) throw this.error(`expected a value but found '${this.preview(this.pos)}'`, this.tokenSpan());
    const start = this.pos;
    this.pos += bare.length;
    return { type: 'value', value: bare, quoted: false, span: { start, end: this.pos } };
  }

  private listValue(): ListNode | ListRefNode {
    const start = this.pos;
    if (this.text[this.pos] !== '(') {
      const identifier = this.match(IDENTIFIER);
      if (!identifier) throw this.error(`expected a list '(…)' or a list name but found '${this.preview(this.pos)}'`, this.tokenSpan());
      this.pos += identifier.length;
      return { type: 'listref', name: identifier, span: { start, end: this.pos } };
    }
    this.pos++;
    const items: ValueNode[] = [];
    this.blanks();
    if (this.text[this.pos] !== ')') {
      for (;;) {
        this.blanks();
        items.push(this.stringValue());
        this.blanks();
        if (this.text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    if (this.text[this.pos] !== ')') throw this.error("expected ',' or ')' in the value list", this.tokenSpan());
    this.pos++;
    return { type: 'list', items, span: { start, end: this.pos } };
  }

  private quoted(): ValueNode {
    const start = this.pos;
    const delimiter = this.text[this.pos];
    this.pos++;
    let value = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === delimiter) {
        this.pos++;
        return { type: 'value', value, quoted: true, span: { start, end: this.pos } };
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1];
        if (next === delimiter) value += delimiter;
        else if (next !== undefined && ESCAPES[next] !== undefined) value += ESCAPES[next];
        else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(this.text.slice(this.pos + 2, this.pos + 4))) {
          value += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 4), 16));
          this.pos += 4;
          continue;
        } else throw this.error('unsupported string escape sequence', { start: this.pos, end: Math.min(this.pos + 2, this.text.length) });
        this.pos += 2;
        continue;
      }
      value += char;
      this.pos++;
    }
    throw this.error('unterminated quoted string', { start, end: this.text.length });
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw this.error(`exceeded max depth limit of ${MAX_DEPTH}`, this.tokenSpan());
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private blanks(): void {
    while (this.pos < this.text.length && BLANKS.has(this.text[this.pos])) this.pos++;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text)?.[0];
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw this.error(`expected '${char}'`, this.tokenSpan());
    this.pos++;
  }

  /** The token at the cursor: up to the next blank or bracket, at least one character. */
  private tokenSpan(): Span {
    let end = this.pos;
    while (end < this.text.length && !BLANKS.has(this.text[end]) && !'()'.includes(this.text[end])) end++;
    return { start: this.pos, end: Math.max(end, Math.min(this.pos + 1, this.text.length)) };
  }

  private lastTokenEnd(): number {
    let end = this.pos;
    while (end > 0 && BLANKS.has(this.text[end - 1])) end--;
    return end;
  }

  private preview(from: number): string {
    if (from >= this.text.length && from === this.lastTokenEnd()) return this.text.slice(Math.max(0, from - 20), from).trim();
    const text = this.text.slice(from, from + 20).split(/\s/)[0];
    return text || this.text.slice(Math.max(0, from - 20), from).trim();
  }

  private error(message: string, span: Span): ConditionSyntaxError {
    return new ConditionSyntaxError(message, span);
  }
}

/** Visits every node of a condition tree. */
export function walkCondition(node: ExprNode, visit: (node: ExprNode | OperandNode) => void): void {
  visit(node);
  switch (node.type) {
    case 'and':
    case 'or':
      node.children.forEach((child) => walkCondition(child, visit));
      break;
    case 'not':
    case 'paren':
      walkCondition(node.child, visit);
      break;
    case 'check':
      walkOperand(node.left, visit);
      if (node.right) walkOperand(node.right, visit);
      break;
    default:
      break;
  }
}

function walkOperand(node: OperandNode, visit: (node: ExprNode | OperandNode) => void): void {
  visit(node);
  if (node.type === 'transformer') node.args.forEach((arg) => walkOperand(arg, visit));
  if (node.type === 'list') node.items.forEach((item) => visit(item));
  if (node.type === 'arglist') node.items.forEach((item) => walkOperand(item, visit));
}
