'use strict';

/**
 * Children started by this process. When it is interrupted (SIGINT, SIGTERM) each gets SIGTERM, and
 * the process exits once they have all ended (SIGKILL after a grace period), so a script that signals
 * this process finds no child and no port left behind. A plain exit still sends them SIGTERM.
 */
const running = new Set();
const GRACE_MS = 20_000;
let stopping = false;

function terminateAll(signal = 'SIGTERM') {
	for (const child of running) {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	}
}

function onSignal(signal) {
	const code = signal === 'SIGINT' ? 130 : 143;
	if (stopping) return;
	stopping = true;
	const children = [...running];
	terminateAll('SIGTERM');
	const ended = children.map(
		(child) =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
				else child.once('exit', resolve);
			}),
	);
	const forceKill = setTimeout(() => terminateAll('SIGKILL'), GRACE_MS);
	void Promise.all(ended).then(() => {
		clearTimeout(forceKill);
		process.exit(code);
	});
}

function exitHandler() {
	terminateAll('SIGTERM');
}

/** Signal handlers exist only while children run, so the parent's own Ctrl-C behaviour is otherwise untouched. */
function track(child) {
	if (running.size === 0) {
		process.on('exit', exitHandler);
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	}
	running.add(child);
	child.once('exit', () => {
		running.delete(child);
		// While stopping, the handlers stay so a second signal does not kill this process mid-wait.
		if (running.size === 0 && !stopping) {
			process.off('exit', exitHandler);
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	});
}

module.exports = { track };
