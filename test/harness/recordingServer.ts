import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path plus query string, e.g. `/echo?client=harness`. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface ScriptedResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface RecordingServer {
	/** Origin without a trailing slash, e.g. `http://127.0.0.1:41234`. */
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (free port) that records every request and answers from `respond`. */
export async function startRecordingServer(
	respond: (request: RecordedRequest) => ScriptedResponse,
): Promise<RecordingServer> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			const { status, body, headers } = respond(request);
			const payload = body === undefined ? '' : JSON.stringify(body);
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(payload);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}
