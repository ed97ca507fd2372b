/**
 * The live check's HTTP client: every request is held to the contract description before it is
 * sent (nothing off-contract ever reaches a real portal), and every exchange is recorded so the
 * answers can be checked and saved as fixtures.
 */
import {
	checkExchange,
	type RecordedExchange,
	type Violation,
} from '../../test/contract/checkExchange';

export interface CallOptions {
	query?: Record<string, string>;
	body?: unknown;
	/** Clean-up calls the package itself never makes (e.g. deleting the test contact). */
	outsideContract?: boolean;
}

export interface CallResult {
	status: number;
	body: unknown;
}

export class ExchangeClient {
	readonly exchanges: Array<RecordedExchange & { step: string }> = [];
	readonly responseViolations: Violation[] = [];

	constructor(
		private readonly baseUrl: string,
		private readonly token: string,
	) {}

	async call(
		step: string,
		method: string,
		path: string,
		options: CallOptions = {},
	): Promise<CallResult> {
		const query = options.query ?? {};
		const planned: RecordedExchange = {
			method,
			path,
			query,
			requestContentType: options.body === undefined ? '' : 'application/json',
			requestBody: options.body,
			status: null,
			responseBody: undefined,
		};
		if (!options.outsideContract) {
			const refused = checkExchange(planned, { checkRequest: true });
			if (refused.length > 0) {
				throw new Error(
					`${step}: the request would leave the contract, not sent: ${refused.map((v) => `${v.field} ${v.problem}`).join('; ')}`,
				);
			}
		}
		const url = new URL(this.baseUrl.replace(/\/+$/, '') + path);
		for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
		const response = await fetch(url, {
			method,
			headers: {
				authorization: `Bearer ${this.token}`,
				...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			signal: AbortSignal.timeout(20_000),
		});
		const text = await response.text();
		let body: unknown = text === '' ? undefined : text;
		try {
			body = text === '' ? undefined : (JSON.parse(text) as unknown);
		} catch {
			// not JSON: kept as text
		}
		const recorded = { ...planned, status: response.status, responseBody: body, step };
		if (!options.outsideContract) {
			this.exchanges.push(recorded);
			this.responseViolations.push(...checkExchange(recorded, { checkRequest: false }));
		}
		return { status: response.status, body };
	}
}
