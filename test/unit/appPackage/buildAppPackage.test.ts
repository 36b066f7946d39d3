import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, buildAppPackage } from '../../../src/appPackage/buildAppPackage.js';
import { PackagingError } from '../../../src/appPackage/packagingError.js';
import { validateManifest } from '../../../src/appPackage/validateManifest.js';
import { SAMPLE_ENV, SAMPLE_SETTINGS } from './sampleSettings.js';

let workDir: string;
let packageDir: string;
let outputFile: string;

/** A copy of the repository's app package folder, which a test may spoil. */
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'mso-app-package-'));
  packageDir = workDir;
  outputFile = join(workDir, 'out', 'appPackage.zip');
  for (const file of ['manifest.json', 'color.png', 'outline.png']) {
    copyFileSync(join(APP_PACKAGE_DIR, file), join(packageDir, file));
  }
});

afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const build = () => buildAppPackage({ settings: SAMPLE_SETTINGS, appPackageDir: packageDir, outputFile });

function editTemplate(edit: (text: string) => string): void {
  const file = join(packageDir, 'manifest.json');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

function solidPng(width: number, height: number, rgba: readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let offset = 0; offset < png.data.length; offset += 4) png.data.set(rgba, offset);
  return PNG.sync.write(png);
}

async function refusal(): Promise<string> {
  const error: unknown = await build().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PackagingError);
  expect(existsSync(outputFile)).toBe(false);
  return (error as PackagingError).message;
}

describe('buildAppPackage', () => {
  it('writes a zip with manifest.json, color.png and outline.png at its root', async () => {
    await build();

    const entries = unzipSync(readFileSync(outputFile));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('fills the manifest from the settings, and it passes the official Teams schema offline', async () => {
    await build();

    const entries = unzipSync(readFileSync(outputFile));
    const manifest: unknown = JSON.parse(Buffer.from(entries['manifest.json'] ?? []).toString('utf8'));
    expect(await validateManifest(manifest as Parameters<typeof validateManifest>[0])).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.29',
      id: SAMPLE_ENV.TEAMS_APP_ID,
      version: SAMPLE_ENV.APP_VERSION,
      developer: {
        name: SAMPLE_ENV.DEVELOPER_NAME,
        websiteUrl: SAMPLE_ENV.DEVELOPER_WEBSITE_URL,
        privacyUrl: SAMPLE_ENV.PRIVACY_URL,
        termsOfUseUrl: SAMPLE_ENV.TERMS_URL,
      },
      bots: [{ botId: SAMPLE_ENV.MicrosoftAppId, scopes: ['personal', 'team', 'groupChat'] }],
      staticTabs: expect.arrayContaining([
        expect.objectContaining({
          contentUrl: `https://${SAMPLE_ENV.BOT_DOMAIN}/tab?theme={theme}`,
          scopes: ['personal'],
        }),
      ]),
      validDomains: [SAMPLE_ENV.BOT_DOMAIN],
      // Teams sends read receipts of personal chats only to an app with this permission.
      webApplicationInfo: { id: SAMPLE_ENV.MicrosoftAppId },
      authorization: {
        permissions: { resourceSpecific: [{ name: 'ChatMessageReadReceipt.Read.Chat', type: 'Application' }] },
      },
    });
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('packs icons of the sizes Teams requires, the outline white on transparent', async () => {
    await build();

    const entries = unzipSync(readFileSync(outputFile));
    const color = PNG.sync.read(Buffer.from(entries['color.png'] ?? []));
    const outline = PNG.sync.read(Buffer.from(entries['outline.png'] ?? []));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const alphas = new Set<number>();
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const alpha = outline.data[offset + 3] ?? 0;
      alphas.add(alpha);
      if (alpha > 0) expect([...outline.data.subarray(offset, offset + 3)]).toEqual([255, 255, 255]);
    }
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it('puts no secret in the package', async () => {
    await build();

    expect(readFileSync(outputFile).includes(SAMPLE_ENV.MicrosoftAppPassword)).toBe(false);
    const manifest = Buffer.from(unzipSync(readFileSync(outputFile))['manifest.json'] ?? []).toString('utf8');
    expect(manifest).not.toMatch(/password|secret|connection/i);
  });

  it('builds the same bytes from the same inputs', async () => {
    await build();
    const first = readFileSync(outputFile);
    await build();

    expect(readFileSync(outputFile).equals(first)).toBe(true);
  });

  it('refuses to package while a placeholder is unfilled, naming it', async () => {
    editTemplate((text) => text.replace('"accentColor"', '"packageName": "${{PACKAGE_NAME}}",\n  "accentColor"'));

    expect(await refusal()).toMatch(/Unfilled placeholder in manifest\.json: \$\{\{PACKAGE_NAME\}\}/);
  });

  it('refuses a misspelt placeholder too', async () => {
    editTemplate((text) => text.replace('${{BOT_ID}}', '${{BOT-ID}}'));

    expect(await refusal()).toContain('${{BOT-ID}}');
  });

  it('refuses a manifest the Teams schema rejects, quoting the schema', async () => {
    editTemplate((text) => text.replace('"#005EB8"', '"NHS blue"'));

    expect(await refusal()).toMatch(/does not match the Teams schema:[\s\S]*\/accentColor/);
  });

  it('refuses a schema version that is not available offline', async () => {
    editTemplate((text) => text.replace('teams/v1.29/', 'teams/v1.99/'));

    expect(await refusal()).toMatch(/v1\.99, which @microsoft\/app-manifest does not ship offline/);
  });

  it('refuses a colour icon of the wrong size, naming it', async () => {
    writeFileSync(join(packageDir, 'color.png'), solidPng(96, 96, [0, 94, 184, 255]));

    expect(await refusal()).toBe('color.png must be 192x192 pixels (got 96x96)');
  });

  it('refuses an outline icon of the wrong size, naming it', async () => {
    writeFileSync(join(packageDir, 'outline.png'), solidPng(192, 192, [255, 255, 255, 0]));

    expect(await refusal()).toBe('outline.png must be 32x32 pixels (got 192x192)');
  });

  it('refuses an outline icon that is not white', async () => {
    const png = PNG.sync.read(readFileSync(join(packageDir, 'outline.png')));
    png.data.set([0, 94, 184, 255], (16 * 32 + 16) * 4);
    writeFileSync(join(packageDir, 'outline.png'), PNG.sync.write(png));

    expect(await refusal()).toBe('outline.png must be white (#FFFFFF) on transparent: pixel (16, 16) is #005eb8');
  });

  it('refuses an outline icon with no transparent background', async () => {
    writeFileSync(join(packageDir, 'outline.png'), solidPng(32, 32, [255, 255, 255, 255]));

    expect(await refusal()).toMatch(/^outline\.png must have a transparent background/);
  });

  it('refuses a missing icon or a file that is not a PNG, naming it', async () => {
    rmSync(join(packageDir, 'outline.png'));
    expect(await refusal()).toMatch(/^outline\.png is missing/);

    writeFileSync(join(packageDir, 'outline.png'), 'not a png');
    expect(await refusal()).toMatch(/^outline\.png is not a readable PNG/);
  });

  it('leaves the previous package whole, and no temporary file, when a build fails', async () => {
    await build();
    const previous = readFileSync(outputFile);
    writeFileSync(join(packageDir, 'color.png'), solidPng(10, 10, [0, 0, 0, 255]));

    await expect(build()).rejects.toThrow(PackagingError);
    expect(readFileSync(outputFile).equals(previous)).toBe(true);
    expect(readdirSync(join(workDir, 'out'))).toEqual(['appPackage.zip']);
  });
});

describe('the package command', () => {
  it('exits with code 1 and names the missing setting, writing nothing', () => {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (
        value !== undefined &&
        !/^(MicrosoftApp|BOT_DOMAIN|TEAMS_APP_ID|APP_VERSION|DEVELOPER_|PRIVACY_URL|TERMS_URL)/.test(name)
      )
        env[name] = value;
    }
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(APP_PACKAGE_DIR, '..', 'src', 'appPackage', 'packageCommand.ts')],
      {
        env: { ...env, BOT_DOMAIN: SAMPLE_ENV.BOT_DOMAIN },
        encoding: 'utf8',
        timeout: 15_000,
      },
    );

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId is required/);
    expect(result.stdout).toBe('');
  });
});
