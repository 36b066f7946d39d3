import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Node } from 'web-tree-sitter';

/**
 * A read of infra/*.bicep through the tree-sitter Bicep grammar. No Bicep compiler can be installed
 * offline (the CLI is a .NET binary fetched from GitHub), so the tests check syntax with this
 * parser and check what the compiler would (module params and outputs, API versions) by hand.
 */
export const INFRA_DIR = fileURLToPath(new URL('../../../infra/', import.meta.url));

/** Anything that is not a literal: a reference, a call, an interpolated string. */
export class BicepExpression {
  constructor(readonly text: string) {}
}

export type BicepValue = string | number | boolean | null | BicepExpression | BicepValue[] | BicepObject;
export interface BicepObject {
  [key: string]: BicepValue;
}

export interface BicepParam {
  type: string;
  hasDefault: boolean;
  defaultValue: BicepValue | undefined;
  decorators: string[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  body: BicepObject;
}

export interface BicepModule {
  symbol: string;
  path: string;
  body: BicepObject;
}

export interface BicepFile {
  /** Relative to infra/, with forward slashes. */
  path: string;
  syntaxErrors: string[];
  params: Map<string, BicepParam>;
  variables: Map<string, BicepValue>;
  resources: BicepResource[];
  modules: BicepModule[];
  outputs: Map<string, BicepValue>;
  /** Every function called, by name (listKeys, guid, filter...). */
  calls: string[];
  /** The text of every string literal; comments are not included. */
  strings: string[];
  /** Every identifier and property name, comments not included. */
  names: string[];
}

let parser: Parser | undefined;

async function bicepParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const grammarDir = dirname(createRequire(import.meta.url).resolve('tree-sitter-bicep/package.json'));
  const language = await Language.load(join(grammarDir, 'tree-sitter-bicep.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function bicepFilePaths(): string[] {
  const modules = readdirSync(join(INFRA_DIR, 'modules'))
    .filter((file) => file.endsWith('.bicep'))
    .map((file) => `modules/${file}`);
  return ['main.bicep', ...modules.sort()];
}

export async function readBicepFile(path: string): Promise<BicepFile> {
  const source = readFileSync(join(INFRA_DIR, path), 'utf8');
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse ${path}`);
  const root = tree.rootNode;
  const file: BicepFile = {
    path,
    syntaxErrors: [],
    params: new Map(),
    variables: new Map(),
    resources: [],
    modules: [],
    outputs: new Map(),
    calls: [],
    strings: [],
    names: [],
  };
  collect(root, file);
  for (const node of root.namedChildren) {
    const parts = namedParts(node);
    const symbol = parts[0]?.text ?? '';
    switch (node.type) {
      case 'parameter_declaration':
        file.params.set(symbol, {
          type: parts[1]?.text ?? '',
          hasDefault: parts.length > 2,
          defaultValue: parts[2] ? valueOf(parts[2]) : undefined,
          decorators: decoratorsOf(node),
        });
        break;
      case 'variable_declaration':
        if (parts[1]) file.variables.set(symbol, valueOf(parts[1]));
        break;
      case 'output_declaration':
        if (parts[2]) file.outputs.set(symbol, valueOf(parts[2]));
        break;
      case 'resource_declaration': {
        const [type = '', apiVersion = ''] = stringOf(requireNode(parts[1], path)).split('@');
        file.resources.push({
          symbol,
          type,
          apiVersion,
          existing: /\sexisting\s*=/.test(node.text.slice(0, node.text.indexOf('{'))),
          body: objectOf(parts.at(-1), path),
        });
        break;
      }
      case 'module_declaration':
        file.modules.push({ symbol, path: stringOf(requireNode(parts[1], path)), body: objectOf(parts.at(-1), path) });
        break;
      default:
        break;
    }
  }
  return file;
}

export function readParametersFile(): Record<string, { value: unknown }> {
  const json = JSON.parse(readFileSync(join(INFRA_DIR, 'main.parameters.json'), 'utf8')) as {
    parameters: Record<string, { value: unknown }>;
  };
  return json.parameters;
}


function collect(node: Node, file: BicepFile): void {
  if (node.type === 'comment') return;
  if (node.isError || node.isMissing) {
    file.syntaxErrors.push(`${file.path}:${node.startPosition.row + 1}: ${node.isMissing ? 'missing' : 'unexpected'} ${node.text.slice(0, 60)}`);
  }
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    if (fn) file.calls.push(fn.text.split('.').at(-1) ?? fn.text);
  }
  if (node.type === 'string') file.strings.push(node.text);
  if (node.type === 'identifier' || node.type === 'property_identifier') file.names.push(node.text);
  for (const child of node.children) collect(child, file);
}

function decoratorsOf(node: Node): string[] {
  const previous = node.previousNamedSibling;
  if (previous?.type !== 'decorators') return [];
  return previous.namedChildren.map((child) => child.text);
}

function requireNode(node: Node | undefined, path: string): Node {
  if (!node) throw new Error(`unexpected declaration shape in ${path}`);
  return node;
}

function objectOf(node: Node | undefined, path: string): BicepObject {
  const value = node ? valueOf(node) : undefined;
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof BicepExpression) {
    throw new Error(`expected an object body in ${path}`);
  }
  return value;
}

function namedParts(node: Node): Node[] {
  return node.namedChildren.filter((child) => child.type !== 'comment');
}

function stringOf(node: Node): string {
  const value = valueOf(node);
  if (typeof value !== 'string') throw new Error(`expected a plain string, got ${node.text}`);
  return value;
}

function valueOf(node: Node): BicepValue {
  const named = namedParts(node);
  switch (node.type) {
    case 'string':
      if (named.some((child) => child.type === 'interpolation')) return new BicepExpression(node.text);
      return named.map((child) => (child.type === 'escape_sequence' ? unescape(child.text) : child.text)).join('');
    case 'boolean':
      return node.text === 'true';
    case 'number':
      return Number(node.text);
    case 'null':
      return null;
    case 'array':
      return named.map(valueOf);
    case 'object': {
      const result: BicepObject = {};
      for (const property of named) {
        if (property.type !== 'object_property') continue;
        const parts = namedParts(property);
        const key = parts[0];
        const value = parts.at(-1);
        if (!key || !value || parts.length < 2) continue;
        // An interpolated key ('${identityId}') is kept as written.
        result[key.type === 'string' && !key.text.includes('${') ? stringOf(key) : key.text] = valueOf(value);
      }
      return result;
    }
    default:
      return new BicepExpression(node.text);
  }
}

function unescape(sequence: string): string {
  const escapes: Record<string, string> = { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' };
  return escapes[sequence] ?? sequence;
}

/** Follows a dotted path through nested objects. */
export function at(value: BicepValue | undefined, path: string): BicepValue | undefined {
  let current: BicepValue | undefined = value;
  for (const key of path.split('.')) {
    if (current === undefined || current === null || typeof current !== 'object' || Array.isArray(current) || current instanceof BicepExpression) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}
