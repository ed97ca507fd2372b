'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { installPackageTarball } = require('./communityPackage');
const { createApiKey, publicApi, setupOwner } = require('./n8nApi');
const { ensureN8n } = require('./n8nInstall');
const { startN8n } = require('./n8nProcess');
const { ensureNode24 } = require('./node24');
const { buildAndPack } = require('./packageTarball');
const { freePort } = require('./ports');
const { ensureQueueServices, startPostgres, startRedis } = require('./queueServices');
const { sandboxControl, startSandboxProcess } = require('./sandboxProcess');
const { startSpreader } = require('./spreader');
const { OWNER } = require('./stack');

/** Readiness of a loaded 2-core machine: main runs the migrations first (20-30 s idle, far more busy). */
const START_TIMEOUT_MS = 600_000;

/**
 * n8n 2.41.1 in queue mode on one machine (facts: ../shared/reference/n8n-queue-mode.md):
 * Postgres and Redis (Debian's packages, installed when missing, run as plain processes with their
 * data under `workDir`), the HubSpot sandbox, a main process (editor, REST, public API; production
 * webhooks off), `webhookProcessors` webhook processors behind a round-robin spreader, and
 * `workers` workers with concurrency 10. The packed package is installed in every process's own
 * user folder. Everything listens on free ports on 127.0.0.1; `stop()` ends what was started here.
 *
 * The returned `n8n.url` is main's (REST and public API); `webhookUrl` is the spreader's, the
 * Production URL n8n shows (N8N_WEBHOOK_URL) and the one HubSpot and voice platforms call.
 * @param {{ root: string, workDir: string, log?: (message: string) => void, tarball?: string,
 *   webhookProcessors?: number, workers?: number, sandboxArgs?: string[] }} options
 */
async function startQueueStack({
	root,
	workDir,
	log = console.log,
	tarball,
	webhookProcessors = 1,
	workers = 2,
	sandboxArgs = [],
}) {
	const node = ensureNode24({ log });
	const npmEnv = {
		...process.env,
		PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
	};
	fs.mkdirSync(workDir, { recursive: true });
	ensureQueueServices({ log });
	const packed = tarball ?? buildAndPack({ root, destination: workDir, env: npmEnv, log });
	ensureN8n({ log });

	const stoppers = [];
	const stop = async () => {
		for (const stopOne of stoppers.reverse()) await stopOne();
		stoppers.length = 0;
	};
	try {
		const postgres = await startPostgres({ log });
		stoppers.push(postgres.stop);
		const redis = await startRedis({ dir: path.join(workDir, 'redis'), log });
		stoppers.push(redis.stop);
		const sandbox = await startSandboxProcess({
			root,
			nodeBin: node.nodeBin,
			logFile: path.join(workDir, 'sandbox.log'),
			args: sandboxArgs,
		});
		stoppers.push(sandbox.stop);
		log(`HubSpot sandbox listening on ${sandbox.url}`);
		const spreader = await startSpreader();
		stoppers.push(spreader.close);

		const sharedEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_WEBHOOK_URL: `${spreader.url}/`,
			// Five n8n processes starting at once on two busy cores: a task runner can take more
			// than the default 30 s to present its grant token.
			N8N_RUNNERS_GRANT_TOKEN_TTL: '300',
			PATH: npmEnv.PATH,
		};
		const processes = new Map();
		/** Starts (or restarts, on the same ports and folder) one n8n process by name. */
		const launch = async (spec) => {
			const started = await startN8n({
				userFolder: spec.userFolder,
				port: spec.port,
				brokerPort: spec.brokerPort,
				env: { ...sharedEnv, ...spec.env },
				command: spec.command,
				readinessUrl: spec.readinessUrl,
				startTimeoutMs: START_TIMEOUT_MS,
				log,
			});
			spec.port = started.port;
			spec.brokerPort = started.brokerPort;
			processes.set(spec.name, { spec, process: started });
			return started;
		};
		const specFor = async (name, command, env = {}, readinessPath) => {
			const userFolder = path.join(workDir, name);
			installPackageTarball(packed, userFolder);
			const spec = { name, userFolder, command, env };
			if (readinessPath) {
				const healthPort = await freePort();
				spec.env = {
					...env,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				};
				spec.readinessUrl = `http://127.0.0.1:${healthPort}${readinessPath}`;
			}
			return spec;
		};
		stoppers.push(async () => {
			// Workers and webhook processors first, main last, as n8n's docs order a shutdown.
			const order = [...processes.keys()].sort((a, b) => rank(a) - rank(b));
			for (const name of order) await processes.get(name).process.stop({ timeoutMs: 20_000 });
		});

		const main = await launch(
			await specFor('main', ['start'], { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
		);
		const cookie = await setupOwner(main.url, OWNER);
		const apiKey = await createApiKey(main.url, cookie, { label: 'hubspot-scheduling-queue' });

		const others = [];
		for (let index = 1; index <= webhookProcessors; index += 1)
			others.push(await specFor(`webhook-${index}`, ['webhook']));
		for (let index = 1; index <= workers; index += 1)
			others.push(
				await specFor(`worker-${index}`, ['worker', '--concurrency=10'], {}, '/healthz/readiness'),
			);
		await Promise.all(others.map(launch));
		const webhookUrls = () =>
			[...processes.values()]
				.filter(({ spec }) => spec.name.startsWith('webhook-'))
				.map(({ process }) => process.url);
		spreader.setBackends(webhookUrls());
		log(
			`queue mode up: main ${main.url}, ${webhookProcessors} webhook processor(s) behind ${spreader.url}, ${workers} workers`,
		);

		return {
			root,
			workDir,
			tarball: packed,
			sandbox,
			sandboxControl: sandboxControl(sandbox.url),
			postgres,
			redis,
			spreader,
			n8n: { url: main.url },
			webhookUrl: spreader.url,
			owner: OWNER,
			cookie,
			apiKey,
			api: publicApi(main.url, apiKey),
			/** Names of the n8n processes: main, webhook-1…, worker-1…. */
			processNames: () => [...processes.keys()],
			/** The HTTP address of one n8n process (a webhook processor's, to bypass the spreader). */
			urlOf: (name) => processes.get(name).process.url,
			/** Process ids of everything n8n still running, for the "nothing left" check. */
			pids: () => [...processes.values()].map(({ process }) => process.pid),
			/** Stops one n8n process and starts it again on the same ports and folder. */
			restart: async (name) => {
				const entry = processes.get(name);
				if (!entry) throw new Error(`No n8n process named ${name}`);
				await entry.process.stop({ timeoutMs: 20_000 });
				await launch(entry.spec);
				spreader.setBackends(webhookUrls());
			},
			/** Adds one more webhook processor behind the spreader. */
			addWebhookProcessor: async () => {
				const count = webhookUrls().length + 1;
				await launch(await specFor(`webhook-${count}`, ['webhook']));
				spreader.setBackends(webhookUrls());
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

function rank(name) {
	if (name.startsWith('worker-')) return 0;
	if (name.startsWith('webhook-')) return 1;
	return 2;
}

module.exports = { startQueueStack };
