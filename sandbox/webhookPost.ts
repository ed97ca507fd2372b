/** One webhook HTTP attempt: POST, wait for the status, give up after the response timeout. */
import http from 'node:http';
import https from 'node:https';

export interface PostOutcome {
	status: number | null;
	error?: string;
}

export interface Poster {
	post(
		url: string,
		headers: Record<string, string>,
		body: string,
		timeoutMs: number,
	): Promise<PostOutcome>;
	/** Aborts every request still waiting for an answer. */
	abortAll(): void;
}

export function createPoster(): Poster {
	// No keep-alive: a lingering socket would hold the target's server open after a test closes it.
	const agents = {
		http: new http.Agent({ keepAlive: false }),
		https: new https.Agent({ keepAlive: false }),
	};
	const open = new Set<http.ClientRequest>();

	function post(
		url: string,
		headers: Record<string, string>,
		body: string,
		timeoutMs: number,
	): Promise<PostOutcome> {
		return new Promise((resolve) => {
			let settled = false;
			const finish = (outcome: PostOutcome) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				open.delete(request);
				resolve(outcome);
			};
			const isHttps = url.startsWith('https:');
			const request = (isHttps ? https : http).request(
				url,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
					agent: isHttps ? agents.https : agents.http,
				},
				(response) => {
					response.resume();
					response.on('end', () => finish({ status: response.statusCode ?? null }));
					response.on('error', (error) => finish({ status: null, error: error.message }));
				},
			);
			const timer = setTimeout(() => {
				finish({ status: null, error: `no answer within ${timeoutMs} ms` });
				request.destroy();
			}, timeoutMs);
			open.add(request);
			request.on('error', (error) => finish({ status: null, error: error.message }));
			request.end(body);
		});
	}

	return {
		post,
		abortAll() {
			for (const request of open) request.destroy(new Error('sandbox closed'));
			open.clear();
		},
	};
}
