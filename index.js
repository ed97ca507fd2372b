#!/usr/bin/env node
'use strict';
/**
 * Project launcher: `node index.js <task>` works on any Node >= 18. n8n 2.x (and so this package's
 * build, tests and demo) needs Node 24, which these machines may lack, so the launcher fetches Node 24
 * from the npm registry into a user cache, installs the project's dependencies when they are missing
 * or stale, and runs `npm run <task>` under Node 24. It is not part of the published package.
 */
const { spawnSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureNode24 } = require('./scripts/lib/node24');

const TASKS = [
	'test',
	'demo',
	'bench',
	'sandbox',
	'build',
	'lint',
	'lint:js',
	'lint:workflows',
	'scan',
	'test:unit',
	'test:e2e',
	'test:live',
	'test:queue',
	'screenshot',
];
const ROOT = __dirname;
/** Tasks whose npm script is just `node <file>`, started without npm (see main). */
const DIRECT_TASKS = { demo: 'scripts/demo.js' };

function log(message) {
	process.stderr.write(`[launcher] ${message}\n`);
}

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		log(`"${command} ${args.join(' ')}" failed with exit code ${result.status}`);
		process.exit(result.status || 1);
	}
}

function node24Env({ binDir, headersDir }) {
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
	// eslint-plugin-n8n-nodes-base's preinstall calls npx, which the machine-wide `yes=false` would stop.
	env.npm_config_yes = 'true';
	// Native rebuilds must compile against Node 24's headers, not the system Node's.
	env.npm_config_nodedir = headersDir;
	// npm derives its global npmrc from the running Node's prefix; under the cached Node 24 that would
	// drop the machine's settings (its CA file behind a TLS-inspecting proxy, its registry).
	const systemGlobalConfig = path.join(
		path.dirname(path.dirname(process.execPath)),
		'etc',
		'npmrc',
	);
	if (!env.npm_config_globalconfig && fs.existsSync(systemGlobalConfig)) {
		env.npm_config_globalconfig = systemGlobalConfig;
	}
	return env;
}

function ensureDependencies(env) {
	const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
	const lock = path.join(ROOT, 'package-lock.json');
	const stale =
		!fs.existsSync(marker) ||
		(fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs);
	if (!stale) return;
	log("Installing the project's dependencies (npm install, about 1-2 minutes the first time).");
	run('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, env });
}

function main() {
	const [task, ...rest] = process.argv.slice(2);
	if (!TASKS.includes(task)) {
		process.stderr.write(`Usage: node index.js <${TASKS.join('|')}> [args]\n`);
		process.exit(2);
	}
	const node = ensureNode24({ log });
	const env = node24Env(node);
	ensureDependencies(env);
	// Long-running tasks run as a direct child: npm and its shell would sit between this process and
	// the task, and a SIGINT/SIGTERM sent to this PID would not reach it (nor stop n8n and the sandbox).
	const script = DIRECT_TASKS[task];
	const child = script
		? spawn(node.nodeBin, [path.join(ROOT, script), ...rest], { cwd: ROOT, env, stdio: 'inherit' })
		: spawn('npm', ['run', '--silent', task, ...(rest.length ? ['--', ...rest] : [])], {
				cwd: ROOT,
				env,
				stdio: 'inherit',
			});
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
		process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) =>
		process.exit(code ?? (signal === 'SIGINT' ? 130 : signal ? 143 : 0)),
	);
}

main();
