'use strict';

/** Children started by this process; they get SIGTERM when it exits or is interrupted. */
const running = new Set();

function terminateAll() {
	for (const child of running) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	}
}

function onSignal(signal) {
	terminateAll();
	process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Signal handlers exist only while children run, so the parent's own Ctrl-C behaviour is otherwise untouched. */
function track(child) {
	if (running.size === 0) {
		process.on('exit', terminateAll);
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	}
	running.add(child);
	child.once('exit', () => {
		running.delete(child);
		if (running.size === 0) {
			process.off('exit', terminateAll);
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
	});
}

module.exports = { track };
