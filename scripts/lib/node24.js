'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { projectCacheDir } = require('./cacheDir');

const MIN_MAJOR = 24;

function majorOf(version) {
	return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** npm publishes Node builds as `node-<platform>-<arch>` packages (bin/node plus include/node headers). */
function nodePackageName() {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	return `node-${platform}-${process.arch}`;
}

function hasHeaders(prefix) {
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'));
}

function describe(nodeBin, headersDir) {
	return { nodeBin, binDir: path.dirname(nodeBin), headersDir };
}

function cachedNodeBin(packageDir) {
	const nodeBin = path.join(packageDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!fs.existsSync(nodeBin)) return undefined;
	const version = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	return majorOf(version) >= MIN_MAJOR ? nodeBin : undefined;
}

/**
 * Returns a Node >= 24 (n8n 2.x refuses older ones) with headers for native rebuilds:
 * the running Node when it qualifies, else `node-<platform>-<arch>@24` installed from the npm
 * registry into the project cache (`.../node24`), installing it on first use.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {{ nodeBin: string, binDir: string, headersDir: string }}
 */
function ensureNode24({ log = console.log } = {}) {
	const currentPrefix = path.dirname(path.dirname(process.execPath));
	if (majorOf(process.versions.node) >= MIN_MAJOR && hasHeaders(currentPrefix)) {
		return describe(process.execPath, currentPrefix);
	}

	const installDir = path.join(projectCacheDir(), 'node24');
	const packageDir = path.join(installDir, 'node_modules', nodePackageName());
	const cached = cachedNodeBin(packageDir);
	if (cached) return describe(cached, packageDir);

	log(
		`Node ${process.versions.node} is too old for n8n 2.x; installing ${nodePackageName()}@${MIN_MAJOR} into ${installDir}`,
	);
	fs.mkdirSync(installDir, { recursive: true });
	const manifest = path.join(installDir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(manifest, JSON.stringify({ name: 'node24-cache', private: true }));
	execFileSync(
		'npm',
		['install', '--no-audit', '--no-fund', '--no-save', `${nodePackageName()}@${MIN_MAJOR}`],
		{
			cwd: installDir,
			stdio: 'inherit',
			env: { ...process.env, npm_config_yes: 'true' },
		},
	);
	const installed = cachedNodeBin(packageDir);
	if (!installed)
		throw new Error(
			`Installing ${nodePackageName()}@${MIN_MAJOR} did not produce a Node >= ${MIN_MAJOR} in ${packageDir}`,
		);
	log(`Node ${MIN_MAJOR} ready: ${installed}`);
	return describe(installed, packageDir);
}

module.exports = { ensureNode24 };
