/** The YAML writer: what it writes reads back as the same document (the `yaml` package reads it, as kubectl would). */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { everyNthState } from '../model/helpers.ts';
import { recipeSetup } from '../../src/reproduce/recipe.ts';
import { toYaml, toYamlStream, yamlString } from '../../src/reproduce/yaml.ts';

describe('yamlString', () => {
  it('quotes what YAML would read as another type, or could not read plain', () => {
    for (const text of ['true', 'On', 'no', '80', '0.0.0.0/0', '*', '', '{"ingress": true}', 'a: b', 'http:80', '-x', 'null'])
      expect(parse(`k: ${yamlString(text)}`)).toEqual({ k: text });
    expect(yamlString('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
    expect(yamlString('true')).toBe('"true"');
  });
});

describe('toYaml', () => {
  it('writes nested objects, arrays of objects, empty ones and numbers', () => {
    const document = { a: { b: [{ c: 1, d: [] }, 'x'], e: {} }, f: false };
    expect(toYaml(document)).toBe('a:\n  b:\n    - c: 1\n      d: []\n    - x\n  e: {}\nf: false');
    expect(parse(toYaml(document))).toEqual(document);
  });

  it('every document of every state’s recipe reads back unchanged (every 20th state)', () => {
    const seen = new Set<string>();
    for (const { id, params } of everyNthState(20)) {
      const documents = recipeSetup(id, params).documents.map((d) => d.document);
      const text = toYamlStream(documents as never);
      if (seen.has(text)) continue;
      seen.add(text);
      expect(text.split('\n---\n').map((part) => parse(part) as unknown)).toEqual(documents);
    }
    expect(seen.size).toBeGreaterThan(50);
  });
});
