/**
 * HubSpot's error bodies, built in one place so every route answers with the same shape:
 * `status:"error"`, `message`, `correlationId` (filled in per request), `category` and, where
 * HubSpot sends one, `subCategory`. Handlers throw HubSpotError; the server turns it into a response.
 */

import { jsonErrorOffset } from './jsonPosition';

export type ErrorFields = { message: string } & Record<string, unknown>;

/** 'api' bodies carry status:"error"; OAuth token errors use RFC 6749 fields plus a legacy `status`. */
export type ErrorShape = 'api' | 'oauth';

export class HubSpotError extends Error {
	readonly httpStatus: number;
	readonly fields: ErrorFields;
	readonly headers: Record<string, string>;
	readonly shape: ErrorShape;

	constructor(
		httpStatus: number,
		fields: ErrorFields,
		headers: Record<string, string> = {},
		shape: ErrorShape = 'api',
	) {
		super(fields.message);
		this.name = 'HubSpotError';
		this.httpStatus = httpStatus;
		this.fields = fields;
		this.headers = headers;
		this.shape = shape;
	}
}

/** Puts `status` and `correlationId` where HubSpot puts them: right after the message. */
export function errorBody(error: HubSpotError, correlationId: string): Record<string, unknown> {
	if (error.shape === 'oauth') return { ...error.fields, correlationId };
	const { message, ...rest } = error.fields;
	return { status: 'error', message, correlationId, ...rest };
}

/** RFC 6749 error plus HubSpot's legacy `status` / `message` fields. */
export function oauthError(
	httpStatus: number,
	error: string,
	legacyStatus: string,
	description: string,
): HubSpotError {
	return new HubSpotError(
		httpStatus,
		{ error, error_description: description, status: legacyStatus, message: description },
		{},
		'oauth',
	);
}

export const SCOPES_LINK = 'https://developers.hubspot.com/scopes';

export function validationError(
	message: string,
	extra: Record<string, unknown> = {},
): HubSpotError {
	return new HubSpotError(400, { message, ...extra, category: 'VALIDATION_ERROR' });
}

export function objectNotFound(id: string): HubSpotError {
	return new HubSpotError(404, {
		message: 'Object not found.  objectId are usually numeric.',
		context: { id: [id] },
		category: 'OBJECT_NOT_FOUND',
	});
}

export function contactConflict(existingId: string): HubSpotError {
	return new HubSpotError(409, {
		message: `Contact already exists. Existing ID: ${existingId}`,
		category: 'CONFLICT',
	});
}

export function invalidAuthentication(): HubSpotError {
	return new HubSpotError(
		401,
		{
			message:
				'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
			category: 'INVALID_AUTHENTICATION',
		},
		{ 'x-hubspot-auth-failure': '401 Unauthorized' },
	);
}

export function expiredAuthentication(expiredAtMs: number, nowMs: number): HubSpotError {
	const secondsAgo = Math.max(0, Math.floor((nowMs - expiredAtMs) / 1000));
	return new HubSpotError(
		401,
		{
			message: `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`,
			category: 'EXPIRED_AUTHENTICATION',
			context: { 'expire time': [new Date(expiredAtMs).toISOString()] },
		},
		{ 'x-hubspot-auth-failure': '401 Unauthorized' },
	);
}

export function invalidApiKey(): HubSpotError {
	return new HubSpotError(401, {
		message:
			'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
		category: 'INVALID_AUTHENTICATION',
	});
}

export function missingScopes(requiredScopes: readonly string[]): HubSpotError {
	return new HubSpotError(403, {
		message: `This app hasn't been granted all required scopes to make this call. Read more about required scopes here: ${SCOPES_LINK}.`,
		errors: [
			{
				message: 'One or more of the following scopes are required.',
				context: { requiredScopes: [...requiredScopes] },
			},
		],
		links: { scopes: SCOPES_LINK },
		category: 'MISSING_SCOPES',
	});
}

/** HubSpot's bad-JSON body has no category; the position is reported as line and column. */
export function invalidJson(rawBody: string, parseError: unknown): HubSpotError {
	const detail = parseError instanceof Error ? parseError.message : String(parseError);
	const found = jsonErrorOffset(rawBody);
	const position = found < 0 ? rawBody.length : found;
	const before = rawBody.slice(0, position).split('\n');
	const line = before.length;
	const column = (before[before.length - 1] ?? '').length + 1;
	return new HubSpotError(400, {
		message: `Invalid input JSON on line ${line}, column ${column}: ${detail}`,
	});
}

export function routeNotFound(method: string, path: string): HubSpotError {
	return new HubSpotError(404, {
		message: `No endpoint matches ${method} ${path}`,
		category: 'OBJECT_NOT_FOUND',
	});
}

export function internalError(): HubSpotError {
	return new HubSpotError(500, {
		message: 'internal error',
		category: 'INTERNAL_ERROR',
	});
}
