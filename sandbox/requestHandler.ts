/**
 * One HTTP request to the sandbox: the control API under /__sandbox/, else the HubSpot API route
 * (auth, faults, rate limits in apiPipeline.ts), logged for the tests and offered to the exchange tap.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Outcome, runApiRequest } from './apiPipeline';
import { HubSpotError, errorBody, routeNotFound } from './errors';
import { emitExchange, hasExchangeListener } from './exchangeTap';
import { queryToObject, readBody, sendJson } from './httpIo';
import { matchRoute } from './router';
import { API_ROUTES } from './routes';
import { type ControlApi, handleControl } from './routes/control';
import type { SandboxRuntime } from './runtime';
import type { LoggedRequest } from './sandboxTypes';

const CONTROL_PREFIX = '/__sandbox/';

export function createRequestListener(runtime: SandboxRuntime, control: ControlApi) {
	return (req: IncomingMessage, res: ServerResponse): void => {
		handleRequest(runtime, control, req, res).catch((error: unknown) => {
			runtime.ctx.log(
				`sandbox: request failed: ${error instanceof Error ? error.stack : String(error)}`,
			);
			if (res.headersSent) {
				res.destroy();
				return;
			}
			const status = error instanceof HubSpotError ? error.httpStatus : 500;
			sendJson(res, status, {
				status: 'error',
				message: error instanceof Error ? error.message : 'internal error',
			});
		});
	};
}

async function handleRequest(
	runtime: SandboxRuntime,
	control: ControlApi,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const correlationId = randomUUID();
	res.setHeader('x-hubspot-correlation-id', correlationId);
	const method = req.method ?? 'GET';
	const { rawPath, query } = splitUrl(req.url ?? '/');
	const rawBody = await readBody(req);
	if (rawPath.startsWith(CONTROL_PREFIX)) {
		const response = await handleControl(
			method,
			rawPath.slice(CONTROL_PREFIX.length),
			parseLooseJson(rawBody),
			control,
		);
		sendJson(res, response.status, response.body, response.headers);
		return;
	}
	const entry: LoggedRequest = {
		method,
		path: rawPath,
		query: queryToObject(query),
		body: bodyForLog(req, rawBody),
		status: null,
		at: runtime.ctx.now(),
		authKind: 'none',
	};
	const match = matchRoute(API_ROUTES, method, rawPath);
	const logged = match?.route.kind !== 'page';
	if (logged) runtime.requestLog.push(entry);
	const outcome: Outcome = match
		? await runApiRequest(runtime.ctx, {
				req,
				match,
				rawPath,
				query,
				rawBody,
				correlationId,
				baseUrl: runtime.baseUrl,
			})
		: {
				response: { status: 404, body: errorBody(routeNotFound(method, rawPath), correlationId) },
				authKind: 'none',
			};
	entry.authKind = outcome.authKind;
	if ('drop' in outcome) {
		req.socket.destroy();
		return;
	}
	entry.status = outcome.response.status;
	sendJson(res, outcome.response.status, outcome.response.body, outcome.response.headers);
	if (logged && hasExchangeListener()) {
		emitExchange({
			method,
			path: rawPath,
			query: entry.query,
			requestContentType: req.headers['content-type'] ?? '',
			requestBody: entry.body,
			userAgent: req.headers['user-agent'] ?? '',
			status: outcome.response.status,
			responseBody: outcome.response.body,
			faulted: outcome.faulted === true,
		});
	}
}

function splitUrl(rawUrl: string): { rawPath: string; query: URLSearchParams } {
	const index = rawUrl.indexOf('?');
	return index < 0
		? { rawPath: rawUrl, query: new URLSearchParams() }
		: { rawPath: rawUrl.slice(0, index), query: new URLSearchParams(rawUrl.slice(index + 1)) };
}

function parseLooseJson(rawBody: string): unknown {
	if (rawBody.trim() === '') return undefined;
	try {
		return JSON.parse(rawBody) as unknown;
	} catch {
		return rawBody;
	}
}

function bodyForLog(req: IncomingMessage, rawBody: string): unknown {
	const type = (req.headers['content-type'] ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(rawBody));
	return parseLooseJson(rawBody);
}
