import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DirectoryError,
  loadNetworkDirectory,
  parseNetworkDirectory,
} from '../../../../src/features/directory/networkDirectory.js';

const sample = loadNetworkDirectory();

function withChange(change: (directory: Record<string, unknown> & typeof sample) => void): unknown {
  const copy = structuredClone(sample) as Record<string, unknown> & typeof sample;
  change(copy);
  return copy;
}

describe('the network directory', () => {
  it('ships a sample that names only fictional people at example.org', () => {
    expect(sample.sample).toBe(true);
    const emails = JSON.stringify(sample).match(/[\w.+-]+@[\w.-]+/g) ?? [];
    expect(emails.length).toBeGreaterThan(7);
    for (const email of emails) expect(email).toMatch(/@example\.org$/);
    for (const network of sample.regionalNetworks) expect(network.lead.name).toMatch(/Example/);
  });

  it('has a network for each of the seven regions', () => {
    expect(sample.regionalNetworks.map((network) => network.region).sort()).toEqual([
      'Y56',
      'Y58',
      'Y59',
      'Y60',
      'Y61',
      'Y62',
      'Y63',
    ]);
  });

  it('names the bad entry when a lead email is not an email', () => {
    const broken = withChange((directory) => {
      const network = directory.regionalNetworks[2];
      if (network) network.lead.email = 'not-an-email';
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(/regionalNetworks\[2\]\.lead\.email: must be an email address/);
  });

  it('refuses a directory that leaves a region out', () => {
    const broken = withChange((directory) => {
      const [first] = directory.regionalNetworks;
      if (first) directory.regionalNetworks[1] = first;
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(DirectoryError);
  });

  it('refuses a name with Markdown or HTML in it, which would show as formatting or a link', () => {
    const broken = withChange((directory) => {
      directory.nationalLead.person.name = '<b>Example</b> [Lead](https://evil.example)';
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(/nationalLead\.person\.name: must be plain text/);
  });

  it('refuses a region code that does not exist', () => {
    const broken = withChange((directory) => {
      Object.assign(directory.regionalNetworks[0] ?? {}, { region: 'Y99' });
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(/regionalNetworks\[0\]\.region/);
  });

  it('refuses a link that is not https', () => {
    const broken = withChange((directory) => {
      directory.source.url = 'javascript:alert(1)';
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(/source\.url: must be an https:\/\/ address/);
  });

  it('refuses fields it does not know, so a typo in the real file is caught', () => {
    const broken = withChange((directory) => {
      Object.assign(directory.nationalLead, { emial: 'x@example.org' });
    });

    expect(() => parseNetworkDirectory(broken)).toThrow(/nationalLead/);
  });

  it('says which file could not be read when it is corrupt', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'directory-')), 'directory.json');
    writeFileSync(file, '{ "version": "1", ');

    expect(() => loadNetworkDirectory(file)).toThrow(new RegExp(`Cannot read the directory file ${file}`));
  });
});
