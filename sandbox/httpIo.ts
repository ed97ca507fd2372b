/** Reading request bodies and writing JSON responses on Node's own http module. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubSpotError, invalidJson } from './errors';

/** Far above anything HubSpot accepts; only protects the sandbox from runaway clients. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(
					new HubSpotError(413, {
						message: 'Request body too large',
						category: 'VALIDATION_ERROR',
					}),
				);
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function isFormEncoded(req: IncomingMessage): boolean {
	return (req.headers['content-type'] ?? '')
		.toLowerCase()
		.startsWith('application/x-www-form-urlencoded');
}

/** JSON unless the client said it sent a form; an empty body is `undefined`. */
export function parseBody(req: IncomingMessage, rawBody: string): unknown {
	if (rawBody.trim() === '') return undefined;
	if (isFormEncoded(req)) return Object.fromEntries(new URLSearchParams(rawBody));
	try {
		return JSON.parse(rawBody) as unknown;
	} catch (error) {
		throw invalidJson(rawBody, error);
	}
}

export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key);
		result[key] = values.length === 1 ? values[0] : values;
	}
	return result;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(body === undefined ? {} : { 'content-type': 'application/json;charset=utf-8' }),
		'content-length': Buffer.byteLength(payload),
		...headers,
	});
	res.end(payload);
}
