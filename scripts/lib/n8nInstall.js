'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { projectCacheDir } = require('./cacheDir');
const { ensureNode24 } = require('./node24');

/** 2.41.3 (`latest`) depends on a version of @n8n/agents the registry lacks; 2.41.1 installs. */
const DEFAULT_N8N_VERSION = '2.41.1';
/** Set by the compatibility run (`node test/e2e/run.js --n8n-version 1.123.81`) to test another n8n. */
const VERSION_VARIABLE = 'HUBSPOT_SCHEDULING_N8N_VERSION';

function selectedVersion() {
	const requested = process.env[VERSION_VARIABLE];
	if (requested === undefined || requested === '') return DEFAULT_N8N_VERSION;
	if (!/^\d+\.\d+\.\d+$/.test(requested))
		throw new Error(
			`${VERSION_VARIABLE} must be an exact n8n version like 1.123.81, not "${requested}"`,
		);
	return requested;
}

/** The n8n the demo and the e2e suite run, read once when this module loads. */
const N8N_VERSION = selectedVersion();
/**
 * n8n 1.x's n8n-nodes-base takes xlsx from cdn.sheetjs.com, outside the npm registry; SheetJS's
 * own build republished on the registry (what n8n 2.x uses) stands in. No effect on n8n 2.x.
 */
const REGISTRY_OVERRIDES = { xlsx: 'npm:@e965/xlsx@0.20.3' };
const READY_MARKER = '.install-complete.json';
const LOCK_FILE = '.install.lock';
const LOCK_WAIT_MS = 20 * 60 * 1000;
const LOCK_POLL_MS = 2000;

function installDir() {
	return path.join(projectCacheDir(), `n8n-${N8N_VERSION}`);
}

/** Where `bin/n8n` lives inside an install made by `ensureN8n`. */
function n8nBinPath(dir = installDir()) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** PATH with Node 24 first (the system `npm` script runs whichever `node` comes first) and npm's prompts off. */
function npmEnv(node, extra = {}) {
	return {
		...process.env,
		PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
		npm_config_yes: 'true',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		...extra,
	};
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time per cache dir; a lock left by a dead process is taken over. */
function acquireLock(dir, log) {
	const lockPath = path.join(dir, LOCK_FILE);
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lockPath, { force: true });
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
		const holder = Number(fs.readFileSync(lockPath, 'utf8'));
		if (!isAlive(holder)) {
			fs.rmSync(lockPath, { force: true });
			continue;
		}
		if (Date.now() > deadline)
			throw new Error(`Gave up waiting for the n8n install by process ${holder} (${lockPath})`);
		if (!announced)
			log(`another process (${holder}) is installing n8n into ${dir}; waiting for it`);
		announced = true;
		sleepSync(LOCK_POLL_MS);
	}
}

/**
 * Returns a failure description, or undefined when sqlite3, isolated-vm (when the n8n version has it)
 * and `n8n --version` all work.
 */
function smokeCheck(dir, node) {
	const ivmProbe =
		"const ivm=require('isolated-vm');const i=new ivm.Isolate();" +
		"if(i.compileScriptSync('1+2').runSync(i.createContextSync())!==3)throw new Error('isolated-vm gave a wrong sum')";
	const hasIsolatedVm = fs.existsSync(path.join(dir, 'node_modules', 'isolated-vm'));
	const nativeProbe = `require('sqlite3');${hasIsolatedVm ? ivmProbe : ''}`;
	const native = spawnSync(node.nodeBin, ['-e', nativeProbe], { cwd: dir, encoding: 'utf8' });
	if (native.status !== 0)
		return `native modules do not load: ${native.stderr.trim().split('\n').slice(-3).join(' ')}`;

	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-version-'));
	try {
		const version = spawnSync(node.nodeBin, [n8nBinPath(dir), '--version'], {
			cwd: userFolder,
			encoding: 'utf8',
			env: { ...process.env, N8N_USER_FOLDER: userFolder },
		});
		if (!version.stdout.includes(N8N_VERSION))
			return `n8n --version printed "${version.stdout.trim()}" ${version.stderr.trim()}`;
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return undefined;
}

function markReady(dir, node) {
	const marker = {
		n8n: N8N_VERSION,
		node: execFileSync(node.nodeBin, ['--version'], { encoding: 'utf8' }).trim(),
		at: new Date().toISOString(),
	};
	fs.writeFileSync(path.join(dir, READY_MARKER), JSON.stringify(marker, null, 2));
}

function install(dir, node, log) {
	log(`first run: installing n8n ${N8N_VERSION} into ${dir}, about 4–6 minutes`);
	const manifest = path.join(dir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(
			manifest,
			JSON.stringify({ name: 'n8n-cache', private: true, overrides: REGISTRY_OVERRIDES }),
		);
	// Install scripts stay off: @confluentinc/kafka-javascript would try to download and build librdkafka.
	execFileSync('npm', ['install', '--ignore-scripts', '--save-exact', `n8n@${N8N_VERSION}`], {
		cwd: dir,
		stdio: 'inherit',
		env: npmEnv(node),
	});
	log(
		'building sqlite3 against the Node 24 headers (about 2 minutes; its prebuilt download is unreachable here)',
	);
	// The machine-wide npmrc points `nodedir` at Node 20's headers; the module must match Node 24's ABI.
	execFileSync('npm', ['rebuild', 'sqlite3', '--foreground-scripts'], {
		cwd: dir,
		stdio: 'inherit',
		env: npmEnv(node, { npm_config_nodedir: node.headersDir }),
	});
}

/**
 * Makes sure n8n `N8N_VERSION` (2.41.1 unless HUBSPOT_SCHEDULING_N8N_VERSION says otherwise) is installed and working in the project cache and returns its directory.
 * A marker written only after a passing smoke check makes later calls instant; an install that
 * someone else completed (no marker yet) is adopted if it passes the smoke check.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {string} the install directory (it holds `node_modules/n8n`)
 */
function ensureN8n({ log = console.log } = {}) {
	const dir = installDir();
	if (fs.existsSync(path.join(dir, READY_MARKER))) return dir;

	const node = ensureNode24({ log });
	fs.mkdirSync(dir, { recursive: true });
	const release = acquireLock(dir, log);
	try {
		if (fs.existsSync(path.join(dir, READY_MARKER))) return dir;
		const existingProblem = fs.existsSync(n8nBinPath(dir))
			? smokeCheck(dir, node)
			: 'n8n is not installed';
		if (existingProblem !== undefined) {
			if (fs.existsSync(n8nBinPath(dir)))
				log(`existing n8n install in ${dir} is incomplete (${existingProblem}); repairing it`);
			install(dir, node, log);
			const problem = smokeCheck(dir, node);
			if (problem !== undefined)
				throw new Error(
					`n8n ${N8N_VERSION} installed into ${dir} but its smoke check failed: ${problem}`,
				);
		}
		markReady(dir, node);
		log(`n8n ${N8N_VERSION} ready in ${dir}`);
		return dir;
	} finally {
		release();
	}
}

module.exports = { ensureN8n, n8nBinPath, N8N_VERSION, DEFAULT_N8N_VERSION, VERSION_VARIABLE };
