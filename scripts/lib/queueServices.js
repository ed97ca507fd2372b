'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');

const { freePort } = require('./ports');

/**
 * Redis and Postgres for n8n's queue mode, from Debian's packages, run as plain processes on
 * 127.0.0.1 with their data in a folder of the caller's (never as system services, never on the
 * default ports). Facts: ../../../shared/reference/n8n-queue-mode.md is where they were measured;
 * the steps are Debian's own tools (initdb, pg_ctl, createdb, redis-server).
 */

const DB = { user: 'n8n', password: 'n8n-queue-local', database: 'n8n' };

function which(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

/** Debian puts Postgres's server tools under /usr/lib/postgresql/<major>/bin, off PATH. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const majors = fs
		.readdirSync(base)
		.filter((name) => fs.existsSync(path.join(base, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(base, majors[0], 'bin') : undefined;
}

function missingPackages() {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	return missing;
}

function runOrThrow(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`,
		);
	}
	return result;
}

/**
 * Installs redis-server and postgresql with apt-get when they are missing (about a minute). Needs
 * root, as on CI; elsewhere it says what to run instead.
 */
function ensureQueueServices({ log = console.log } = {}) {
	const missing = missingPackages();
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Queue mode needs ${missing.join(' and ')} from Debian's packages: run \`sudo apt-get install -y ${missing.join(' ')}\` and try again.`,
		);
	}
	log(`installing ${missing.join(', ')} from Debian's packages (apt-get, about a minute)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	runOrThrow('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
	runOrThrow('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const still = missingPackages();
	if (still.length > 0) throw new Error(`apt-get did not install ${still.join(', ')}`);
}

/** Postgres refuses to run as root; as root its files and processes belong to `postgres`. */
/**
 * @param {string} command
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
function asPostgresUser(command, args) {
	if (process.getuid?.() !== 0) return [command, args];
	return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

function giveToPostgres(dir) {
	if (process.getuid?.() === 0) runOrThrow('chown', ['-R', 'postgres:postgres', dir]);
}

/**
 * initdb + pg_ctl start + createdb in a folder of its own under the system temp folder (as root,
 * Postgres runs as `postgres`, which cannot enter a caller's private temp folder); `stop()` stops
 * the server and removes the folder.
 * @param {{ log?: (message: string) => void }} options
 */
async function startPostgres({ log = console.log } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('Postgres is not installed (ensureQueueServices first)');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-scheduling-postgres-'));
	fs.chmodSync(dir, 0o755);
	const data = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	const passwordFile = path.join(dir, 'password');
	fs.writeFileSync(passwordFile, `${DB.password}\n`);
	giveToPostgres(dir);
	const port = await freePort();
	try {
		initAndStart(bin, {
			data,
			passwordFile,
			socketDir,
			port,
			logFile: path.join(dir, 'postgres.log'),
		});
	} catch (error) {
		// pg_ctl may have timed out on a server still starting: stop it before removing its folder.
		spawnSync(
			...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']),
			{
				stdio: 'ignore',
			},
		);
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	const stopNow = () => {
		process.off('exit', stopNow);
		spawnSync(
			...asPostgresUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
			{
				stdio: 'ignore',
			},
		);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	// Not a child of this process: an interrupted run must still not leave it behind.
	process.on('exit', stopNow);
	const stop = async () => stopNow();
	try {
		runOrThrow(
			path.join(bin, 'createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', DB.user, DB.database],
			{
				env: { ...process.env, PGPASSWORD: DB.password },
			},
		);
	} catch (error) {
		await stop();
		throw error;
	}
	log(`Postgres listening on 127.0.0.1:${port} (data in ${data})`);
	return { host: '127.0.0.1', port, ...DB, stop, psql: (sql) => psql(bin, port, sql) };
}

/** initdb, then pg_ctl start (waits until Postgres accepts connections). */
function initAndStart(bin, { data, passwordFile, socketDir, port, logFile }) {
	runOrThrow(
		...asPostgresUser(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			DB.user,
			`--pwfile=${passwordFile}`,
			'--auth=scram-sha-256',
			'-E',
			'UTF8',
			'--locale=C.UTF-8',
		]),
	);
	runOrThrow(
		...asPostgresUser(path.join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			logFile,
			'-w',
			'-t',
			'120',
			'-o',
			`-h 127.0.0.1 -p ${port} -k ${socketDir} -c max_connections=200 -c fsync=off`,
			'start',
		]),
	);
}

/** One query's rows as tab-separated lines (for checks such as counting executions). */
function psql(bin, port, sql) {
	const result = runOrThrow(
		path.join(bin, 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			DB.user,
			'-d',
			DB.database,
			'-At',
			'-F',
			'\t',
			'-c',
			sql,
		],
		{ env: { ...process.env, PGPASSWORD: DB.password } },
	);
	return result.stdout.split('\n').filter(Boolean);
}

/**
 * redis-server without persistence, daemonized with a pid file; resolves once it answers PING.
 * @param {{ dir: string, log?: (message: string) => void }} options
 */
async function startRedis({ dir, log = console.log }) {
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const pidFile = path.join(dir, 'redis.pid');
	runOrThrow('redis-server', [
		'--bind',
		'127.0.0.1',
		'--port',
		String(port),
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'yes',
		'--pidfile',
		pidFile,
		'--logfile',
		path.join(dir, 'redis.log'),
	]);
	const deadline = Date.now() + 30_000;
	while (!(await redisAnswers(port))) {
		if (Date.now() > deadline) throw new Error(`Redis did not answer on 127.0.0.1:${port}`);
		await sleep(200);
	}
	const pid = readPid(pidFile);
	// Daemonized, so not a child of this process: an interrupted run must still not leave it behind.
	const killNow = () => {
		process.off('exit', killNow);
		if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
	};
	process.on('exit', killNow);
	const stop = async () => {
		process.off('exit', killNow);
		if (pid === undefined) return;
		try {
			process.kill(pid, 'SIGTERM');
		} catch {
			return;
		}
		for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
		if (isAlive(pid)) process.kill(pid, 'SIGKILL');
	};
	log(`Redis listening on 127.0.0.1:${port}`);
	return { host: '127.0.0.1', port, stop };
}

function readPid(file) {
	try {
		const pid = Number(fs.readFileSync(file, 'utf8').trim());
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function redisAnswers(port) {
	const net = require('node:net');
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		const done = (answer) => {
			socket.destroy();
			resolve(answer);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
		socket.on('connect', () => socket.write('PING\r\n'));
	});
}

module.exports = { ensureQueueServices, startPostgres, startRedis };
