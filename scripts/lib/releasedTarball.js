'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { projectCacheDir } = require('./cacheDir');

/** The commit of the 0.1.0 release (package.json version 0.1.0, OAuth token URL /oauth/v1/token). */
const RELEASE_0_1_0 = { version: '0.1.0', commit: '43e175d' };

/**
 * Packs an earlier release of this package from the repository's own history, the way it was
 * published: `git archive <commit>`, built with today's installed tools (the release's own
 * devDependencies are the same ones), `npm pack`. Cached per commit in the project cache, so the
 * upgrade test builds it once per machine. Needs the git history (a clone, not a shallow copy).
 * @param {{ root: string, release?: { version: string, commit: string }, env?: NodeJS.ProcessEnv,
 *   log?: (message: string) => void }} options
 * @returns {string} the path of the `.tgz`
 */
function packRelease({ root, release = RELEASE_0_1_0, env = process.env, log = console.log }) {
	const cacheDir = path.join(projectCacheDir(), 'releases');
	const cached = path.join(
		cacheDir,
		`n8n-nodes-hubspot-scheduling-${release.version}-${release.commit}.tgz`,
	);
	if (fs.existsSync(cached)) return cached;

	const git = (args, options = {}) =>
		execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', ...options });
	try {
		git(['cat-file', '-e', `${release.commit}^{commit}`], { stdio: 'ignore' });
	} catch {
		throw new Error(
			`commit ${release.commit} (release ${release.version}) is not in this clone's history; the upgrade test needs a full clone (git fetch --unshallow)`,
		);
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `hubspot-scheduling-${release.version}-`));
	try {
		log(`building release ${release.version} from commit ${release.commit}`);
		const archive = path.join(work, 'source.tar');
		git(['archive', '--format=tar', `--output=${archive}`, release.commit]);
		const source = path.join(work, 'source');
		fs.mkdirSync(source);
		execFileSync('tar', ['-xf', archive, '-C', source]);
		const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
		if (manifest.version !== release.version) {
			throw new Error(
				`commit ${release.commit} is version ${manifest.version}, not ${release.version}`,
			);
		}
		fs.symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'), 'dir');
		const run = (args) =>
			execFileSync('npm', args, {
				cwd: source,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
				encoding: 'utf8',
			});
		run(['run', 'build']);
		fs.mkdirSync(cacheDir, { recursive: true });
		const packed = run(['pack', '--quiet', '--pack-destination', work]).trim().split('\n').pop();
		if (!packed) throw new Error('npm pack printed no file name');
		fs.copyFileSync(path.join(work, packed), `${cached}.partial`);
		fs.renameSync(`${cached}.partial`, cached);
		log(`packed release ${release.version} (${path.basename(cached)})`);
		return cached;
	} catch (caught) {
		const error = /** @type {Error & { stdout?: string | Buffer, stderr?: string | Buffer }} */ (
			caught
		);
		const output = `${error.stdout ?? ''}${error.stderr ?? ''}`
			.trim()
			.split('\n')
			.slice(-20)
			.join('\n');
		throw new Error(`building release ${release.version} failed: ${error.message}\n${output}`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { packRelease, RELEASE_0_1_0 };
