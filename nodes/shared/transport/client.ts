import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import type { ZodType, ZodTypeDef } from 'zod';

import { checkBaseUrl } from './apiHosts';
import { cancelSignalOf, CancelledHubSpotCallError, isCancelled } from './cancellation';
import { HubSpotApiError, parseErrorBody, toHubSpotApiError } from './errors';
import { pacerFor } from './pacing';
import type { AccountPacer, Clock, PacedCall } from './pacing';
import { redactError } from './redact';
import { decideRetry } from './retryPolicy';
import type { AttemptOutcome, RequestKind } from './retryPolicy';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface HubSpotRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Defaults: GET is a read, everything else a write that is never retried after a 5xx. */
	kind?: RequestKind;
	/** Completes "Could not …" in error messages, e.g. "book the meeting". */
	what: string;
	/**
	 * A read whose answer every item of this execution may share: the same GET is sent once and its
	 * answer reused (Get Slots for a hundred items on one link). Never for reads that guard a write,
	 * which must see HubSpot as it is at that moment.
	 */
	shareWithinExecution?: boolean;
}

interface Exchange {
	status?: number;
	body?: unknown;
	headers: Record<string, unknown>;
	/** A connection failure (NETWORK_CODES): HubSpot may not have seen the request. */
	networkCode?: string;
	/** Any other thrown error without an HTTP answer. */
	failureCode?: string;
	attempts: number;
}

export interface ClientOptions {
	clock?: Clock;
	timeoutMs?: number;
	/** The credential as the caller already read it; n8n resolves a credential on every read, which costs tens of ms. */
	credentials?: ICredentialDataDecryptedObject;
}

/** What one item (or the whole run) has asked of HubSpot so far, so an error can say truthfully what was touched. */
export interface RequestsMade {
	reads: number;
	writes: number;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	// n8n-workflow's sleep ends early, rejecting, when the signal aborts.
	sleep: async (ms, signal) => await sleep(ms, signal),
	random: () => Math.random(),
};

/** What a pause leaves for the call that follows it, so the answer still comes in time. */
const PAUSE_CALL_ALLOWANCE_MS = 1_000;

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Every HubSpot call goes through here: authentication by n8n (so OAuth2 refresh keeps working),
 * pacing, retries, response validation and error mapping. Operations only describe the request.
 */
export class HubSpotClient {
	private readonly pacer: AccountPacer;
	/** Shared by every item view of this client (forItem copies the reference), so it lives for one execution. */
	private readonly sharedReads = new Map<string, Promise<Exchange>>();
	/** Counted per item view (forItem gives each its own), including reads answered from sharedReads. */
	private made: RequestsMade = { reads: 0, writes: 0 };
	/** Aborted when n8n cancels the execution; undefined where the context offers none. */
	private readonly cancelSignal: AbortSignal | undefined;

	constructor(
		private readonly ctx: RequestContext,
		private readonly credentialType: string,
		private readonly baseUrl: string,
		accountKey: string,
		private readonly secrets: string[],
		/** The run's one clock: every wait, deadline and "now" of the execution (operations read the time here too). */
		readonly clock: Clock,
		private readonly timeoutMs: number,
		private readonly itemIndex?: number,
	) {
		this.pacer = pacerFor(accountKey, clock.now());
		this.cancelSignal = cancelSignalOf(ctx);
	}

	static async connect(ctx: RequestContext, credentialType: string, options: ClientOptions = {}) {
		const credentials: ICredentialDataDecryptedObject =
			options.credentials ?? (await ctx.getCredentials(credentialType));
		const node = ctx.getNode();
		const baseUrl = checkedBaseUrl(node, credentials.baseUrl);
		const accountKey = `${credentialType}:${node.credentials?.[credentialType]?.id ?? baseUrl}`;
		return new HubSpotClient(
			ctx,
			credentialType,
			baseUrl,
			accountKey,
			secretsOf(credentials),
			options.clock ?? systemClock,
			options.timeoutMs ?? 15_000,
		);
	}

	/** The same connection, with errors attributed to one input item. */
	forItem(itemIndex: number): HubSpotClient {
		const client = Object.create(HubSpotClient.prototype) as HubSpotClient;
		return Object.assign(client, this, { itemIndex, made: { reads: 0, writes: 0 } });
	}

	/** The requests this view has sent (or, for a shared read, used the answer of). */
	get requestsMade(): RequestsMade {
		return { ...this.made };
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/**
	 * Any error about to leave the node (input errors echo what was typed, which may be a pasted
	 * key), redacted like the client's own: the credential's secrets and anything token-shaped.
	 */
	redactError<E extends object>(error: E): E {
		return redactError(error, this.secrets);
	}

	/**
	 * Waits on this client's clock, for operations that must let HubSpot catch up. Answers false at
	 * once when the wait and one more call would not fit before the caller's answer deadline.
	 */
	async pause(ms: number, before = 'read HubSpot again'): Promise<boolean> {
		const left = this.clock.msUntilDeadline?.();
		if (left !== undefined && left < ms + PAUSE_CALL_ALLOWANCE_MS) return false;
		await this.sleep(ms, before);
		return true;
	}

	/**
	 * Waits on this client's clock. Once the execution is cancelled it throws CancelledHubSpotCallError
	 * instead; `before` names the request the wait comes before, e.g. "search the meetings again".
	 */
	async sleep(ms: number, before: string): Promise<void> {
		await this.untilCancelled(
			{ what: before, isWrite: false },
			async () => await this.clock.sleep(ms, this.cancelSignal),
		);
	}

	async request<T>(request: HubSpotRequest, schema: ZodType<T, ZodTypeDef, unknown>): Promise<T> {
		this.count(request);
		const exchange = request.shareWithinExecution
			? await this.sharedExchange(request)
			: await this.exchange(request);
		if (!isSuccess(exchange.status)) throw this.failure(request, exchange);
		return this.validate(request, schema, exchange.body);
	}

	/** For lookups where "not there" is a normal answer, such as a contact by email. */
	async requestOrNull<T>(
		request: HubSpotRequest,
		schema: ZodType<T, ZodTypeDef, unknown>,
	): Promise<T | null> {
		this.count(request);
		const exchange = await this.exchange(request);
		if (exchange.status === 404) return null;
		if (!isSuccess(exchange.status)) throw this.failure(request, exchange);
		return this.validate(request, schema, exchange.body);
	}

	/** For calls such as an archive that answer 204 with no body. */
	async send(request: HubSpotRequest): Promise<{ status: number }> {
		this.count(request);
		const exchange = await this.exchange(request);
		if (!isSuccess(exchange.status)) throw this.failure(request, exchange);
		return { status: exchange.status as number };
	}

	/** A write is counted before it goes out: a failed write may still have reached HubSpot. */
	private count(request: HubSpotRequest): void {
		const kind = kindOf(request);
		if (kind === 'read' || kind === 'search') this.made.reads++;
		else this.made.writes++;
	}

	/** Failed answers are not kept: the next item asks again and gets its own error or a recovered answer. */
	private async sharedExchange(request: HubSpotRequest): Promise<Exchange> {
		if (request.method !== 'GET') return await this.exchange(request);
		const key = JSON.stringify([request.path, sortedEntries(request.qs)]);
		let pending = this.sharedReads.get(key);
		if (!pending) {
			pending = this.exchange(request);
			this.sharedReads.set(key, pending);
			const forget = () => this.sharedReads.delete(key);
			pending.then((exchange) => !isSuccess(exchange.status) && forget(), forget);
		}
		return await pending;
	}

	private async exchange(request: HubSpotRequest): Promise<Exchange> {
		const kind = kindOf(request);
		const stopped = {
			what: request.what,
			isWrite: isWrite(kind),
			earlierAttemptMayHaveApplied: false,
		};
		for (let attempts = 1; ; attempts++) {
			let paced: PacedCall | undefined;
			await this.untilCancelled(stopped, async () => {
				if (kind === 'search') await this.pacer.beforeSearch(this.clock, this.cancelSignal);
				else paced = await this.pacer.beforeCall(this.clock, this.cancelSignal);
			});
			const exchange = await this.attempt(request, attempts, stopped);
			// A refused call tells the pacer too: its headers say the window is full.
			if (paced)
				this.pacer.afterResponse(exchange.headers, this.clock.now(), paced, exchange.status);
			else this.pacer.afterSearch(exchange.status);
			if (isSuccess(exchange.status)) return exchange;
			const outcome: AttemptOutcome = {
				status: exchange.status,
				networkError: exchange.networkCode !== undefined,
				policyName: parseErrorBody(exchange.body).policyName,
			};
			const decision = decideRetry(outcome, kind, attempts, () => this.clock.random());
			if (!decision.retry) return exchange;
			// A refused attempt (429) was not applied; one that failed otherwise may have been.
			stopped.earlierAttemptMayHaveApplied ||= exchange.status !== 429;
			await this.untilCancelled(
				stopped,
				async () => await this.clock.sleep(decision.waitMs, this.cancelSignal),
			);
		}
	}

	/** Runs a wait; once the execution is cancelled (before, during or after it) the request is not sent. */
	private async untilCancelled(stopped: StopReport, wait: () => Promise<void>): Promise<void> {
		this.stopIfCancelled(stopped);
		// A wait ended by the cancel rejects with the signal's reason: the cancel is what to report.
		const failed = await wait().then(
			() => undefined,
			(error: unknown) => ({ error }),
		);
		this.stopIfCancelled(stopped);
		// Anything else, such as the deadline clock's refusal to wait, goes on as it is.
		if (failed) throw failed.error;
	}

	private stopIfCancelled(stopped: StopReport, inFlight = false): void {
		if (!isCancelled(this.cancelSignal)) return;
		throw new CancelledHubSpotCallError(this.node, {
			...stopped,
			inFlight,
			itemIndex: this.itemIndex,
		});
	}

	private async attempt(
		request: HubSpotRequest,
		attempts: number,
		stopped: StopReport,
	): Promise<Exchange> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			returnFullResponse: true,
			// A webhook must answer HubSpot in time: no attempt may outlast its deadline.
			timeout: Math.max(1, Math.min(this.timeoutMs, this.clock.msUntilDeadline?.() ?? Infinity)),
			// 401 must still throw: that is what makes n8n refresh an expired OAuth2 token and retry once.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			// n8n sets this itself for execute functions; passed here so every context that has one uses it.
			...(this.cancelSignal ? { abortSignal: this.cancelSignal } : {}),
		};
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				this.credentialType,
				options,
				{ oauth2: { tokenType: 'Bearer', includeCredentialsOnRefreshOnBody: true } },
			)) as { statusCode: number; body: unknown; headers: Record<string, unknown> };
			return {
				status: response.statusCode,
				body: response.body,
				headers: response.headers ?? {},
				attempts,
			};
		} catch (error) {
			// Aborted by the cancel: the request may have reached HubSpot, and its answer is lost.
			this.stopIfCancelled(stopped, true);
			if (isN8nVerdict(error))
				throw redactError(new NodeApiError(this.node, error as JsonObject), this.secrets);
			return { ...describeThrown(error), attempts };
		}
	}

	private validate<T>(
		request: HubSpotRequest,
		schema: ZodType<T, ZodTypeDef, unknown>,
		body: unknown,
	): T {
		const parsed = schema.safeParse(body);
		if (parsed.success) return parsed.data;
		const issue = parsed.error.issues[0];
		const where = issue.path.length > 0 ? issue.path.join('.') : 'the body';
		const error = new NodeApiError(
			this.node,
			{ message: 'Unexpected HubSpot response' },
			{
				message: `Could not ${request.what}: HubSpot answered in a shape this node does not understand (${where}: ${issue.message}).`,
				description:
					'HubSpot may have changed this API. Please report it with the node version; no data was changed by this node after the unexpected answer.',
				itemIndex: this.itemIndex,
			},
		);
		throw redactError(error, this.secrets);
	}

	private failure(request: HubSpotRequest, exchange: Exchange): HubSpotApiError {
		const kind = kindOf(request);
		const error = toHubSpotApiError(
			this.node,
			{
				...exchange,
				networkCode: exchange.networkCode ?? exchange.failureCode,
				kind,
				what: request.what,
			},
			this.itemIndex,
		);
		return redactError(error, this.secrets);
	}
}

/**
 * n8n's own decision rather than an HTTP answer, e.g. "the credential needs to be reconnected" after
 * a refused OAuth2 refresh (a NodeOperationError, wrapped by httpRequestWithAuthentication): it is
 * passed on as it is and never retried as if HubSpot had not answered.
 */
function isN8nVerdict(error: unknown): boolean {
	return (
		error instanceof NodeOperationError ||
		(error as { cause?: unknown })?.cause instanceof NodeOperationError
	);
}

type StopReport = { what: string; isWrite: boolean; earlierAttemptMayHaveApplied?: boolean };

function isWrite(kind: RequestKind): boolean {
	return kind === 'write' || kind === 'idempotent-write';
}

function isSuccess(status: number | undefined): boolean {
	return status !== undefined && status >= 200 && status < 300;
}

interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	cause?: {
		code?: string;
		response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	};
}

/** n8n wraps thrown HTTP errors (the 401 we let through, network failures) in a NodeApiError. */
function describeThrown(error: unknown): Omit<Exchange, 'attempts'> {
	const thrown = (typeof error === 'object' && error !== null ? error : {}) as ThrownHttpError;
	const response = thrown.cause?.response;
	const status = response?.status ?? (thrown.httpCode ? Number(thrown.httpCode) : undefined);
	if (status !== undefined && Number.isFinite(status)) {
		return { status, body: response?.data, headers: response?.headers ?? {} };
	}
	const code = thrown.cause?.code ?? thrown.code;
	// Only these codes say the connection failed, which makes a safe read worth repeating. Any other
	// code (or none) is a failure this attempt would meet again: it is reported, never retried.
	if (code !== undefined && NETWORK_CODES.has(code)) return { headers: {}, networkCode: code };
	return { headers: {}, failureCode: code ?? 'UNKNOWN_ERROR' };
}

function sortedEntries(qs: IDataObject | undefined): Array<[string, unknown]> {
	return Object.entries(qs ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/** Tokens only go to HubSpot or loopback: any other base URL fails here, before a request exists. */
function checkedBaseUrl(node: INode, value: unknown): string {
	const checked = checkBaseUrl(value);
	if ('baseUrl' in checked) return checked.baseUrl;
	throw new NodeOperationError(node, checked.refused.message, {
		description: checked.refused.description,
	});
}

function secretsOf(credentials: IDataObject): string[] {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [
		credentials.accessToken,
		credentials.clientSecret,
		credentials.developerApiKey,
		token.access_token,
		token.refresh_token,
	].filter((value): value is string => typeof value === 'string');
}

/** Defaults: GET is a read, everything else a write. */
function kindOf(request: HubSpotRequest): RequestKind {
	return request.kind ?? (request.method === 'GET' ? 'read' : 'write');
}
