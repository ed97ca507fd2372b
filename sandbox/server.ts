/**
 * startSandbox(): a local HTTP server that behaves like HubSpot for every endpoint this package uses,
 * plus the /__sandbox/ control API. Node's own http module, no framework. Its parts: runtime.ts (the
 * state, clock and services of one sandbox), controlApi.ts, requestHandler.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControlApi } from './controlApi';
import { createRequestListener } from './requestHandler';
import { createRuntime, createUiContact, resetRuntime } from './runtime';
import type { Sandbox, SandboxOptions } from './sandboxTypes';

export type { Sandbox, SandboxOptions, LoggedRequest, DeliveryAttempt } from './sandboxTypes';
export type { SandboxFixture } from './fixtureSchema';
export type { FaultRule, FaultAction } from './faults';
export { SandboxState } from './state';
export { FaultInjector } from './faults';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const runtime = createRuntime(opts);
	const { ctx } = runtime;
	const control = createControlApi(runtime);
	const server = http.createServer(createRequestListener(runtime, control));
	const host = opts.host ?? '127.0.0.1';
	const port = await listen(server, host, opts.port ?? 0);
	runtime.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	ctx.log(`sandbox listening on ${runtime.baseUrl}`);

	return {
		url: runtime.baseUrl,
		state: ctx.state,
		faults: ctx.faults,
		close: () =>
			new Promise<void>((resolve) => {
				ctx.webhooks.close();
				ctx.bookingEffects.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
		reset: () => resetRuntime(runtime),
		requestLog: control.requestLog,
		clearLog: control.clearLog,
		createContact: (properties) => createUiContact(runtime, properties),
		deliveries: control.deliveries,
		flushWebhooks: control.flushWebhooks,
	};
}

async function listen(server: http.Server, host: string, port: number): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	return (server.address() as AddressInfo).port;
}
