/**
 * CLI: `node build/sandbox/main.js [--port N] [--latency MS] [--index-lag MS] [--token-ttl S] [--booking-delay MS] [--fixture FILE] [--exchanges FILE]`.
 * Prints one JSON line with the URL and credentials on stdout once listening (so a parent process
 * can read it), usage on stderr, and stops cleanly on SIGINT/SIGTERM.
 */
import { appendFileSync } from 'node:fs';

import { setExchangeListener } from './exchangeTap';
import { startSandbox } from './server';
import type { SandboxOptions } from './sandboxTypes';

const FLAGS: Record<string, keyof SandboxOptions> = {
	'--port': 'port',
	'--latency': 'latencyMs',
	'--index-lag': 'searchIndexLagMs',
	'--token-ttl': 'tokenTtlSeconds',
	'--booking-delay': 'bookingEffectsDelayMs',
	'--fixture': 'fixture',
	'--host': 'host',
};

export function parseArgs(argv: string[]): SandboxOptions {
	const options: Record<string, string | number> = {};
	for (let i = 0; i < argv.length; i += 2) {
		const key = FLAGS[argv[i]];
		const value = argv[i + 1];
		if (!key || value === undefined) throw new Error(`Unknown or incomplete option: ${argv[i]}`);
		const isText = key === 'fixture' || key === 'host';
		if (!isText && !/^\d+$/.test(value))
			throw new Error(`${argv[i]} needs a whole number, got "${value}"`);
		options[key] = isText ? value : Number(value);
	}
	return options as SandboxOptions;
}

function usage(url: string): string {
	return [
		`HubSpot sandbox listening on ${url}`,
		'  API base URL and OAuth host: the url above (authorize page: /oauth/authorize, token: /oauth/2026-09/token)',
		'  Service keys: pat-na1-sandbox-full, pat-na1-sandbox-readonly, pat-na1-sandbox-noscheduler',
		'  Control API (no auth): POST /__sandbox/reset, GET|DELETE /__sandbox/log, GET /__sandbox/state,',
		'    POST|DELETE /__sandbox/faults, POST /__sandbox/contacts, POST /__sandbox/config,',
		'    GET|POST /__sandbox/clock, POST /__sandbox/tokens/expire, POST /__sandbox/webhooks/target,',
		'    GET /__sandbox/deliveries,',
		'    POST /__sandbox/webhooks/redeliver, POST /__sandbox/webhooks/flush, GET /__sandbox/info',
		'  See sandbox/README.md. Stop with Ctrl+C.',
	].join('\n');
}

/** `--exchanges FILE`: every API exchange appended to FILE as one JSON line (the e2e contract check). */
function takeExchangesFile(argv: string[]): { file?: string; rest: string[] } {
	const index = argv.indexOf('--exchanges');
	if (index < 0) return { rest: argv };
	const file = argv[index + 1];
	if (!file) throw new Error('--exchanges needs a file path');
	return { file, rest: [...argv.slice(0, index), ...argv.slice(index + 2)] };
}

async function main(): Promise<void> {
	const { file, rest } = takeExchangesFile(process.argv.slice(2));
	if (file)
		setExchangeListener((exchange) => appendFileSync(file, `${JSON.stringify(exchange)}\n`));
	const options = parseArgs(rest);
	const sandbox = await startSandbox({
		...options,
		logger: (line) => process.stderr.write(`${line}\n`),
	});
	const { app, serviceKeys } = sandbox.state.fixture;
	process.stdout.write(
		`${JSON.stringify({
			url: sandbox.url,
			serviceKey: serviceKeys[0]?.token,
			clientId: app.clientId,
			clientSecret: app.clientSecret,
			appId: app.appId,
			developerApiKey: app.developerApiKey,
		})}\n`,
	);
	process.stderr.write(`${usage(sandbox.url)}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
