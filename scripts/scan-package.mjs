#!/usr/bin/env node
/**
 * n8n's verification scan without its network parts (`npm run scan`, part of `node index.js test`).
 *
 * `@n8n/scan-community-package` (a devDependency, pinned) verifies a published package in four
 * steps: (1) fetch the registry metadata, (2) require an npm provenance statement, (3) download the
 * source repository at the attested commit and lint `package.json` and
 * `{nodes,credentials}/**\/*.{js,ts,json}` there, (4) `npm pack` the published version and lint its
 * `**\/*.js` and `package.json`. Both lints use the scanner's own ESLint config (`buildScanConfig`:
 * @n8n/eslint-plugin-community-nodes recommended, eslint-plugin-n8n-nodes-base's community,
 * credentials and nodes rule sets, `no-console`), with inline `eslint-disable` comments ignored.
 *
 * Steps 1, 2 and the downloads need the registry and a published version, so they are left to n8n.
 * This script runs steps 3 and 4 with the scanner's own code on what would be published: the
 * working tree (as the attested source) and the tarball `npm pack` makes from it now (run
 * `npm run build` first). The scanner fails on errors; this script fails on any finding, errors or
 * warnings, so nothing that could become an error at verification slips through.
 *
 *   node scripts/scan-package.mjs [--source <dir>] [--tarball <file.tgz>]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SCANNER_MANIFEST = require.resolve('@n8n/scan-community-package/package.json');
const SCANNER_DIR = path.dirname(SCANNER_MANIFEST);
const scannerRequire = createRequire(SCANNER_MANIFEST);

/** What n8n lints in the tarball (scanner.mjs, `analyzePackageByName`). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function option(name) {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

function packTarball(destination) {
	const output = execFileSync('npm', ['pack', '--quiet', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const file = output.trim().split('\n').pop();
	if (!file) throw new Error('npm pack printed no file name');
	return path.join(destination, file);
}

function unpack(tarball, destination) {
	fs.mkdirSync(destination, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1']);
	return destination;
}

/**
 * Lints `patterns` under `dir` exactly as the scanner's `analyzePackage` does (same ESLint options,
 * same config, same file globbing), but returns every result so warnings count too.
 */
async function lintLikeTheScanner({ dir, patterns, buildScanConfig }) {
	const { ESLint } = scannerRequire('eslint');
	const glob = scannerRequire('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length > 0 ? await eslint.lintFiles(files) : [];
	const findings = results.reduce(
		(sum, result) => sum + result.errorCount + result.warningCount,
		0,
	);
	const report = findings > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files, findings, report };
}

async function main() {
	const scannerVersion = JSON.parse(fs.readFileSync(SCANNER_MANIFEST, 'utf8')).version;
	// The scanner makes a temp folder when it loads; have it removed when this process exits.
	scannerRequire('tmp').setGracefulCleanup();
	const { buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
		path.join(SCANNER_DIR, 'scanner', 'scanner.mjs')
	);

	const sourceDir = path.resolve(option('--source') ?? ROOT);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-scan-'));
	try {
		const tarballOption = option('--tarball');
		const tarball = tarballOption ? path.resolve(tarballOption) : packTarball(work);
		const packageDir = unpack(tarball, path.join(work, 'package'));

		const legs = [
			{ label: 'source', dir: sourceDir, patterns: SOURCE_FILE_PATTERNS },
			{
				label: `tarball ${path.basename(tarball)}`,
				dir: packageDir,
				patterns: TARBALL_FILE_PATTERNS,
			},
		];
		let failed = false;
		for (const leg of legs) {
			const { files, findings, report } = await lintLikeTheScanner({ ...leg, buildScanConfig });
			if (
				files.length === 0 ||
				!files.some((file) => file.endsWith('.js') || file.endsWith('.ts'))
			) {
				console.error(
					`scan: ${leg.label}: no node or credential code found in ${leg.dir} (build first?)`,
				);
				failed = true;
			} else if (findings > 0) {
				console.error(
					`scan: ${leg.label}: ${findings} finding(s) in ${files.length} files\n${report}`,
				);
				failed = true;
			} else {
				console.log(`scan: ${leg.label}: ${files.length} files, no findings`);
			}
		}
		if (failed) {
			console.error(
				`scan: n8n's scanner analysis (@n8n/scan-community-package ${scannerVersion}) failed`,
			);
			process.exitCode = 1;
		} else {
			console.log(
				`scan: n8n's scanner analysis (@n8n/scan-community-package ${scannerVersion}) passed; provenance is checked by n8n on the published version`,
			);
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
