'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

/** Where Debian's `chromium` package puts its launcher. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The flags every headless Chromium of this project starts with. Without the background-networking
 * ones Chromium keeps calling Google's services, which a machine without internet refuses noisily.
 */
const HEADLESS_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function onPath(name) {
	const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	const resolved = found.stdout.trim();
	return found.status === 0 && resolved !== '' ? resolved : undefined;
}

function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
		return fromEnv;
	}
	if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	return onPath('chromium') ?? onPath('chromium-browser');
}

function aptGet(args, log) {
	log(`apt-get ${args.join(' ')}`);
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.status})`);
}

/**
 * Returns the path of a Chromium to drive; installs Debian's `chromium` package when none is there
 * and this process may (root with apt-get, as on CI). Playwright's own browser download is never
 * used: it needs a CDN these machines cannot reach, while Debian's mirror is reachable.
 * `CHROMIUM_PATH` picks another binary.
 * @param {{ log?: (message: string) => void }} [options]
 */
function ensureChromium({ log = console.log } = {}) {
	const existing = findChromium();
	if (existing) return existing;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !onPath('apt-get')) {
		throw new Error(
			'Chromium is missing. Install it with "sudo apt-get install -y chromium" (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
		);
	}
	log("Chromium is missing: installing Debian's chromium package (about 1-2 minutes, once)");
	aptGet(['update'], log);
	aptGet(['install', '-y', '--no-install-recommends', 'chromium'], log);
	const installed = findChromium();
	if (!installed) throw new Error('apt-get installed chromium but no chromium binary was found');
	return installed;
}

module.exports = { ensureChromium, HEADLESS_FLAGS };
