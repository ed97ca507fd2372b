'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Only these folders are scanned by n8n's community-package loader. */
const COMMUNITY_NAME = /^(@[^/]+\/)?n8n-nodes-/;

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** n8n's ledger of installed community packages (`<nodes>/package.json`), updated as its installer does. */
function recordInLedger(nodesDir, name, version) {
	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = fs.existsSync(ledgerPath)
		? readJson(ledgerPath)
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...ledger.dependencies, [name]: version };
	writeJson(ledgerPath, ledger);
}

/**
 * Installs a packed package (`npm pack` output) into `<userFolder>/.n8n/nodes/node_modules/<name>`
 * the way n8n 2.41's community installer does (`downloadPackage` in its community-packages
 * service): unpack, drop dev/peer/optional dependencies, install the remaining production
 * dependencies with scripts off. Node types then load as `<package name>.<node name>`.
 * It does not add a row to n8n's `installed_packages` table, so the UI does not list it.
 * @param {string} tgzPath
 * @param {string} userFolder the `N8N_USER_FOLDER` of the instance
 * @returns {{ name: string, version: string, dir: string }}
 */
function installPackageTarball(tgzPath, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const staging = fs.mkdtempSync(path.join(nodesDir, '.staging-'));
	try {
		execFileSync('tar', ['-xzf', path.resolve(tgzPath), '-C', staging, '--strip-components=1']);
		const manifestPath = path.join(staging, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } =
			readJson(manifestPath);
		if (!COMMUNITY_NAME.test(manifest.name)) {
			throw new Error(
				`n8n only loads community packages named n8n-nodes-* or @scope/n8n-nodes-*, not "${manifest.name}"`,
			);
		}
		writeJson(manifestPath, manifest);
		if (Object.keys(manifest.dependencies ?? {}).length > 0) {
			execFileSync(
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
				],
				{ cwd: staging, stdio: 'inherit', env: { ...process.env, npm_config_yes: 'true' } },
			);
		}
		const dir = path.join(nodesDir, 'node_modules', manifest.name);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		fs.renameSync(staging, dir);
		recordInLedger(nodesDir, manifest.name, manifest.version);
		return { name: manifest.name, version: manifest.version, dir };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

module.exports = { installPackageTarball };
