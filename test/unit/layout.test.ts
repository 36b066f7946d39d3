import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Every TypeScript file under src/, as a path relative to src/. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

/** The top-level folder of src/ a path is in; undefined for a file at the top (index.ts, app.ts, config.ts…). */
function topFolderOf(relativeToSrc: string): string | undefined {
  const parts = relativeToSrc.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Folder -> the folders its files import from, and one file that does it, for the failure message. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles()) {
    const from = topFolderOf(file);
    if (!from) continue;
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const to = topFolderOf(path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier)));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, file);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Each circle of folders, written as "a -> b -> a (a/x.ts, b/y.ts)". */
function circles(graph: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const walk = (start: string, at: string, trail: string[], files: string[]) => {
    for (const [next, file] of graph.get(at) ?? []) {
      if (next === start) found.push(`${[...trail, next].join(' -> ')} (${[...files, file].join(', ')})`);
      else if (!trail.includes(next) && next > start) walk(start, next, [...trail, next], [...files, file]);
    }
  };
  for (const folder of graph.keys()) walk(folder, folder, [folder], []);
  return found;
}

describe('the layout of src/', () => {
  it('lets only src/teams import the Bot Framework SDK', () => {
    const outside = sourceFiles().filter(
      (file) =>
        topFolderOf(file) !== 'teams' &&
        importsOf(file).some((specifier) => /^(botbuilder|botframework-)/.test(specifier)),
    );

    expect(outside).toEqual([]);
  });

  it('has no top-level folders that import each other in a circle', () => {
    expect(circles(folderGraph())).toEqual([]);
  });

  it('would notice a circle (the check itself works)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/one.ts']])],
      ['b', new Map([['c', 'b/two.ts']])],
      ['c', new Map([['a', 'c/three.ts']])],
    ]);

    expect(circles(graph)).toEqual(['a -> b -> c -> a (a/one.ts, b/two.ts, c/three.ts)']);
  });

  it('keeps feature code out of the edge: no file under src/features reads an activity or a TurnContext', () => {
    const leaking = sourceFiles().filter(
      (file) =>
        topFolderOf(file) === 'features' &&
        /\bTurnContext\b|\.activity\./.test(readFileSync(path.join(SRC, file), 'utf8')),
    );

    expect(leaking).toEqual([]);
  });
});
