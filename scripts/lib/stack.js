'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { installPackageTarball } = require('./communityPackage');
const { createApiKey, publicApi, setupOwner } = require('./n8nApi');
const { ensureN8n } = require('./n8nInstall');
const { startN8n } = require('./n8nProcess');
const { ensureNode24 } = require('./node24');
const { buildAndPack } = require('./packageTarball');
const { sandboxControl, startSandboxProcess } = require('./sandboxProcess');

/** Login of the instance owner; local only (n8n listens on 127.0.0.1). */
const OWNER = { email: 'demo@hubspot-scheduling.test', password: 'Demo-Passw0rd' };

/**
 * Brings up what the demo, the end-to-end tests and the screenshot need: the package built and packed,
 * the HubSpot sandbox, and the real n8n 2.41.1 with the tarball installed as a community package in a
 * fresh user folder, an owner, and a public-API key. Everything listens on free ports on 127.0.0.1.
 * `stop()` ends only the processes started here.
 * @param {{ root: string, workDir: string, log?: (message: string) => void, sandboxArgs?: string[],
 *   n8nEnv?: Record<string, string>, tarball?: string, startTimeoutMs?: number }} options
 *   `tarball`: an already packed package (skips build and pack). `startTimeoutMs`: n8n's readiness wait.
 */
async function startStack({
	root,
	workDir,
	log = console.log,
	sandboxArgs = [],
	n8nEnv = {},
	tarball,
	startTimeoutMs,
}) {
	const node = ensureNode24({ log });
	const npmEnv = {
		...process.env,
		PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
	};
	fs.mkdirSync(workDir, { recursive: true });
	const packed = tarball ?? buildAndPack({ root, destination: workDir, env: npmEnv, log });
	ensureN8n({ log });

	const userFolder = path.join(workDir, 'n8n');
	const installed = installPackageTarball(packed, userFolder);
	log(
		`installed ${installed.name}@${installed.version} as a community package in ${installed.dir}`,
	);

	const stoppers = [];
	const stop = async () => {
		for (const stopOne of stoppers.reverse()) await stopOne();
		stoppers.length = 0;
	};
	try {
		const sandbox = await startSandboxProcess({
			root,
			nodeBin: node.nodeBin,
			logFile: path.join(workDir, 'sandbox.log'),
			args: sandboxArgs,
		});
		stoppers.push(sandbox.stop);
		log(`HubSpot sandbox listening on ${sandbox.url}`);

		const n8n = await startN8n({ userFolder, env: n8nEnv, log, startTimeoutMs });
		stoppers.push(() => n8n.stop());
		const cookie = await setupOwner(n8n.url, OWNER);
		const apiKey = await createApiKey(n8n.url, cookie, { label: 'hubspot-scheduling-stack' });
		return {
			root,
			workDir,
			userFolder,
			tarball: packed,
			sandbox,
			sandboxControl: sandboxControl(sandbox.url),
			n8n,
			owner: OWNER,
			cookie,
			apiKey,
			api: publicApi(n8n.url, apiKey, { cookie }),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, OWNER };
