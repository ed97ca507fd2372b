'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/**
 * Builds the package (`npm run build`) and the sandbox/tools (`tsc -p tsconfig.tools.json`), then
 * packs it with `npm pack` as a publisher would, so n8n receives exactly what npm would ship.
 * @param {{ root: string, destination: string, env?: NodeJS.ProcessEnv, log?: (message: string) => void }} options
 * @returns {string} the path of the `.tgz`
 */
function buildAndPack({ root, destination, env = process.env, log = console.log }) {
	const run = (args) =>
		execFileSync('npm', args, {
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
		});
	log('building the package (npm run build)');
	runOrExplain(() => run(['run', 'build']), 'npm run build');
	log('compiling the sandbox (tsc -p tsconfig.tools.json)');
	runOrExplain(
		() => run(['exec', '--', 'tsc', '-p', 'tsconfig.tools.json']),
		'tsc -p tsconfig.tools.json',
	);
	fs.mkdirSync(destination, { recursive: true });
	const output = runOrExplain(
		() => run(['pack', '--quiet', '--pack-destination', destination]),
		'npm pack',
	);
	const tarball = path.join(destination, output.trim().split('\n').pop());
	log(`packed ${path.basename(tarball)}`);
	return tarball;
}

/** A failed build shows its own output, not only "Command failed". */
function runOrExplain(action, label) {
	try {
		return action();
	} catch (caught) {
		const error = /** @type {Error & { stdout?: string | Buffer, stderr?: string | Buffer }} */ (
			caught
		);
		const output = `${error.stdout ?? ''}${error.stderr ?? ''}`
			.trim()
			.split('\n')
			.slice(-30)
			.join('\n');
		throw new Error(`${label} failed:\n${output}`);
	}
}

module.exports = { buildAndPack };
