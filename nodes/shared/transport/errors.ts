import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { shorten } from '../domain/shorten';
import { redactError } from './redact';
import type { RequestKind } from './retryPolicy';

/**
 * HubSpot's error body as this node reads it. HubSpot's docs say every field is optional, and its
 * specs type some (subCategory) as an object in places: each field is read on its own, so one odd
 * field never loses the others, and a body that is not JSON at all keeps a short preview.
 */
export interface HubSpotErrorBody {
	message?: string;
	category?: string;
	subCategory?: string;
	correlationId?: string;
	policyName?: string;
	requiredScopes: string[];
	/** The start of a body that was not a JSON object (an HTML error page from a proxy, plain text). */
	unparsedPreview?: string;
}

export interface HubSpotFailure {
	status?: number;
	body?: unknown;
	networkCode?: string;
	attempts: number;
	kind: RequestKind;
	what: string;
}

export interface HubSpotErrorDetails {
	status?: number;
	category?: string;
	subCategory?: string;
	correlationId?: string;
	policyName?: string;
	hubspotMessage?: string;
	requiredScopes: string[];
	networkCode?: string;
	/** The start of an answer that was not JSON, so the error still says what came back. */
	unparsedBody?: string;
}

/** A NodeApiError that also keeps HubSpot's category, so operations can react to specific failures. */
export class HubSpotApiError extends NodeApiError {
	readonly hubspot: HubSpotErrorDetails;

	constructor(
		node: INode,
		details: HubSpotErrorDetails,
		message: string,
		description: string,
		itemIndex?: number,
	) {
		const response: JsonObject = { message, description };
		super(node, response, {
			message,
			description,
			httpCode: details.status === undefined ? undefined : String(details.status),
			itemIndex,
		});
		// NodeError swaps any message naming a network code (ETIMEDOUT, ECONNRESET…) for its generic
		// text, which for a booking even advises "Retry on Fail"; ours says what was and was not done.
		this.message = message;
		this.hubspot = details;
	}
}

export function parseErrorBody(body: unknown): HubSpotErrorBody {
	const object = asObject(typeof body === 'string' ? parseJson(body) : body);
	if (object === undefined) {
		return { requiredScopes: [], unparsedPreview: previewOf(body) };
	}
	return {
		message: textField(object.message),
		category: textField(object.category),
		subCategory: textField(object.subCategory),
		correlationId: textField(object.correlationId),
		policyName: textField(object.policyName),
		requiredScopes: requiredScopesOf(object),
	};
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** Text as given; a number or an object (the spec's subCategory) as compact JSON; anything else dropped. */
function textField(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value.slice(0, 1_000);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value === 'object' && value !== null) {
		const json = JSON.stringify(value);
		return shorten(json, 300);
	}
	return undefined;
}

function previewOf(body: unknown): string | undefined {
	if (body === undefined || body === null) return undefined;
	const text = (Buffer.isBuffer(body) ? body.toString('utf8') : String(body))
		.replace(/<[^>]*>/g, ' ')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
		.trim();
	if (text === '') return undefined;
	return shorten(text, 120);
}

export function toHubSpotApiError(
	node: INode,
	failure: HubSpotFailure,
	itemIndex?: number,
): HubSpotApiError {
	const body = parseErrorBody(failure.body);
	const details: HubSpotErrorDetails = {
		status: failure.status,
		category: body.category,
		subCategory: body.subCategory,
		correlationId: body.correlationId,
		policyName: body.policyName,
		hubspotMessage: body.message,
		requiredScopes: body.requiredScopes,
		networkCode: failure.networkCode,
		unparsedBody: body.unparsedPreview,
	};
	const message = humanMessage(failure, details);
	const description = describe(failure, details);
	// Every field, HubSpot's details included, is redacted: they end up in stored executions.
	return redactError(new HubSpotApiError(node, details, message, description, itemIndex));
}

function humanMessage(failure: HubSpotFailure, details: HubSpotErrorDetails): string {
	const action = `Could not ${failure.what}`;
	const hubspotSays = details.hubspotMessage ? `: ${details.hubspotMessage}` : '';
	if (failure.status === undefined) {
		return `${action}: HubSpot did not answer (${details.networkCode ?? 'network error'}). Check the credential's base URL and the network, then try again.`;
	}
	switch (failure.status) {
		case 401:
			return `${action}: HubSpot rejected the credential (${details.category ?? '401'}). Reconnect the OAuth2 credential, or paste a current service key.`;
		case 403:
			return details.requiredScopes.length > 0
				? `${action}: the HubSpot app or service key is missing the scope ${details.requiredScopes.join(', ')}. Add it in HubSpot, then reconnect the credential.`
				: `${action}: HubSpot refused access${hubspotSays}. Check the app's scopes and the user's permissions.`;
		case 404:
			return `${action}: HubSpot could not find it${hubspotSays}.`;
		case 409:
			return `${action}: HubSpot reports a conflict${hubspotSays}.`;
		case 423:
			return `${action}: the HubSpot record is locked by another update. Try again in a few seconds.`;
		case 429:
			return details.policyName === 'DAILY'
				? `${action}: this HubSpot account has used its daily API limit. It resets at midnight in the account's time zone; try again then or ask HubSpot for an API limit increase.`
				: `${action}: HubSpot's rate limit (${details.policyName ?? 'unknown policy'}) was still exceeded after ${failure.attempts} attempts. Process fewer items at once or slow the workflow down.`;
		default:
			if (failure.status >= 500) {
				return `${action}: HubSpot had a server error (${failure.status}${notJson(details)}). Try again in a moment.`;
			}
			return `${action}${hubspotSays || `: HubSpot answered ${failure.status}${notJson(details)}`}.`;
	}
}

function describe(failure: HubSpotFailure, details: HubSpotErrorDetails): string {
	const facts = [
		details.status === undefined ? undefined : `HTTP ${details.status}`,
		details.category && `category ${details.category}`,
		details.subCategory && `subCategory ${details.subCategory}`,
		details.correlationId && `correlationId ${details.correlationId}`,
		failure.attempts > 1 ? `${failure.attempts} attempts` : undefined,
	].filter(Boolean);
	const unsafeWrite =
		failure.kind === 'write' && (failure.status === undefined || failure.status >= 500)
			? 'This was a write, so it was not retried automatically: HubSpot may or may not have applied it.'
			: undefined;
	return [facts.length > 0 ? `${facts.join(', ')}.` : undefined, unsafeWrite]
		.filter(Boolean)
		.join(' ');
}

function notJson(details: HubSpotErrorDetails): string {
	return details.unparsedBody === undefined
		? ''
		: ` with a body that is not JSON: "${details.unparsedBody}"`;
}

/** Scopes HubSpot names in errors[].context (requiredScopes, requiredGranularScopes), each entry read on its own. */
function requiredScopesOf(body: Record<string, unknown>): string[] {
	const scopes = new Set<string>();
	const entries = Array.isArray(body.errors) ? body.errors : [];
	for (const entry of entries) {
		const context = asObject(asObject(entry)?.context);
		for (const key of ['requiredScopes', 'requiredGranularScopes']) {
			const values = context?.[key];
			for (const scope of Array.isArray(values) ? values : []) {
				if (typeof scope === 'string' && /^[\w.-]{1,100}$/.test(scope)) scopes.add(scope);
			}
		}
	}
	return [...scopes];
}
