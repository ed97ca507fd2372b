'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { CALLER } = require('../../../scripts/demo/conversation');
const { installPackageTarball } = require('../../../scripts/lib/communityPackage');
const {
	createApiKey,
	login,
	publicApi,
	setupOwner,
	waitForWebhook,
} = require('../../../scripts/lib/n8nApi');
const { CLI_SUCCESS, runCli, startN8n } = require('../../../scripts/lib/n8nProcess');
const { ensureNode24 } = require('../../../scripts/lib/node24');
const { connectOAuth2 } = require('../../../scripts/lib/oauthFlow');
const { RELEASE_0_1_0, packRelease } = require('../../../scripts/lib/releasedTarball');
const { sandboxControl, startSandboxProcess } = require('../../../scripts/lib/sandboxProcess');
const { OWNER } = require('../../../scripts/lib/stack');
const { PATH, oauthLookupWorkflow } = require('./oauth2');

/** A day after HubSpot turns the v1 OAuth API off (2027-02-16). */
const AFTER_V1_SUNSET = '2027-02-17T12:00:00Z';

const tokenCalls = (log) =>
	log
		.filter((entry) => entry.method === 'POST' && /^\/oauth\/[^/]+\/token$/.test(entry.path))
		.map((entry) => ({ path: entry.path, grant: entry.body?.grant_type, status: entry.status }));

/** The stored (encrypted) data of a credential, as n8n's own CLI decrypts it. */
async function storedCredential(userFolder, credentialId, log) {
	const file = path.join(userFolder, 'exported-credentials.json');
	const result = await runCli(
		['export:credentials', `--id=${credentialId}`, '--decrypted', `--output=${file}`],
		{ userFolder, log },
	);
	if (!fs.existsSync(file))
		throw new Error(`n8n export:credentials wrote nothing:\n${result.output.slice(-2000)}`);
	const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
	fs.rmSync(file);
	return credential.data;
}

/**
 * Issue 10 item 2: a credential connected under 0.1.0 (token URL /oauth/v1/token) keeps refreshing
 * after the package is upgraded in place, in the real n8n. Its own sandbox (whose clock is moved
 * past HubSpot's v1 sunset, so a v1 refresh fails there) and its own n8n user folder.
 */
async function oauthUpgradeTests(t, { root, stack }) {
	t.describe('Upgrade from 0.1.0: a saved OAuth2 credential keeps refreshing');
	const log = (message) => console.log(`[e2e upgrade] ${message}`);
	const workDir = path.join(stack.workDir, 'upgrade');
	const userFolder = path.join(workDir, 'n8n');
	const node = ensureNode24({ log });
	const env = { ...process.env, PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}` };
	const sandbox = await startSandboxProcess({
		root,
		nodeBin: node.nodeBin,
		logFile: path.join(workDir, 'sandbox.log'),
	});
	const control = sandboxControl(sandbox.url);
	/** @type {Awaited<ReturnType<typeof startN8n>> | undefined} */
	let n8n;
	try {
		let credentialId;
		let cookie;
		let api;
		await t.test('0.1.0 installed: connecting exchanges the code at /oauth/v1/token', async () => {
			const old = installPackageTarball(packRelease({ root, env, log }), userFolder);
			assert.equal(old.version, RELEASE_0_1_0.version);
			// The worst case: 0.1.0's hidden token URL stored in the credential data (the public API
			// refuses hidden fields, an import or an older editor does not). n8n 2.41 drops stored
			// hidden OAuth URLs in favour of the credential type's (OAUTH_PINNED_FIELDS).
			const credential = {
				id: 'upgradeOAuth2Cr1',
				name: 'HubSpot OAuth2 saved with 0.1.0',
				type: 'hubSpotSchedulingOAuth2Api',
				data: {
					baseUrl: sandbox.url,
					clientId: sandbox.clientId,
					clientSecret: sandbox.clientSecret,
					accessTokenUrl: `${sandbox.url}/oauth/v1/token`,
				},
			};
			const file = path.join(workDir, 'credential.json');
			fs.writeFileSync(file, JSON.stringify([credential]));
			await runCli(['import:credentials', `--input=${file}`], {
				userFolder,
				expect: CLI_SUCCESS.importCredentials,
				log,
			});
			n8n = await startN8n({ userFolder, log });
			cookie = await setupOwner(n8n.url, OWNER);
			api = publicApi(n8n.url, await createApiKey(n8n.url, cookie, { label: 'upgrade-test' }));
			const created = credential;
			credentialId = created.id;
			await control.clearLog();
			await connectOAuth2({ n8nUrl: n8n.url, cookie, credentialId });
			assert.deepEqual(tokenCalls(await control.log()), [
				{ path: '/oauth/v1/token', grant: 'authorization_code', status: 200 },
			]);
			const workflow = await api.createWorkflow(
				oauthLookupWorkflow({ id: credentialId, name: created.name }),
			);
			await api.activateWorkflow(workflow.id);
			const first = await waitForWebhook(n8n.url, PATH, { body: { phone: CALLER.phone } });
			assert.equal(first.status, 200, JSON.stringify(first.body));
			assert.equal(first.body.error, null, JSON.stringify(first.body));
		});

		await t.test(
			'still on 0.1.0 after the sunset, an expired token cannot be refreshed (v1 is gone)',
			async () => {
				await control.setClock(AFTER_V1_SUNSET);
				await control.expireTokens();
				await control.clearLog();
				assert.ok(n8n, 'n8n did not start');
				const answer = await waitForWebhook(n8n.url, PATH, { body: { phone: CALLER.phone } });
				assert.ok(answer.status !== 200 || answer.body?.error, JSON.stringify(answer.body));
				const refreshes = tokenCalls(await control.log());
				assert.ok(refreshes.length >= 1, 'no refresh attempted');
				assert.ok(
					refreshes.every((call) => call.path === '/oauth/v1/token' && call.status === 404),
					JSON.stringify(refreshes),
				);
			},
		);

		let stored;
		await t.test(
			'upgraded in place (package replaced, n8n restarted): the refresh goes to /oauth/2026-09/token',
			async () => {
				assert.ok(n8n, 'n8n did not start');
				await n8n.stop();
				n8n = undefined;
				const upgraded = installPackageTarball(stack.tarball, userFolder);
				assert.notEqual(upgraded.version, undefined);
				stored = await storedCredential(userFolder, credentialId, log);
				n8n = await startN8n({ userFolder, log });
				await login(n8n.url, OWNER);
				await control.expireTokens();
				await control.clearLog();
				const answer = await waitForWebhook(n8n.url, PATH, {
					body: { phone: CALLER.phone },
					timeoutMs: 30_000,
				});
				assert.equal(answer.status, 200, JSON.stringify(answer.body));
				assert.equal(answer.body.error, null, JSON.stringify(answer.body));
				const calls = tokenCalls(await control.log());
				assert.deepEqual(calls, [
					{ path: '/oauth/2026-09/token', grant: 'refresh_token', status: 200 },
				]);
				assert.deepEqual(
					(await control.log()).filter((entry) => entry.path.startsWith('/oauth/v1/')),
					[],
				);
			},
		);

		await t.test(
			'the old token URL stayed in the stored credential and was overridden',
			async () => {
				assert.ok(stored, 'the credential was not exported');
				log(`stored credential fields: ${Object.keys(stored).sort().join(', ')}`);
				assert.equal(stored.accessTokenUrl, `${sandbox.url}/oauth/v1/token`);
				assert.ok(stored.oauthTokenData?.refresh_token, 'no refresh token stored');
			},
		);
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.stop();
	}
}

module.exports = { oauthUpgradeTests };
