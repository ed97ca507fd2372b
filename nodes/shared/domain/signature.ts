import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Proves a webhook request came from HubSpot: the three signature versions HubSpot sends, computed
 * over the raw body bytes (re-serialised JSON breaks them), compared in constant time, with v3's
 * timestamp window against replays.
 */

export type SignatureVersion = 'v1' | 'v2' | 'v3';

export type VerifyResult =
	| { valid: true; version: SignatureVersion }
	| {
			valid: false;
			reason:
				| 'missing-signature'
				| 'stale-timestamp'
				| 'bad-timestamp'
				| 'mismatch'
				| 'unsupported-version'
				| 'v3-required';
	  };

export interface VerifyInput {
	headers: Record<string, string | string[] | undefined>;
	method: string;
	/** Candidate public URLs of this webhook, tried in order (proxies can change what the node sees). */
	uris: string[];
	rawBody: Buffer | string;
	secret: string;
	nowMs: number;
	/** How old (or how far in the future) a v3 timestamp may be; 5 minutes unless given. */
	maxAgeMs?: number;
	/**
	 * Refuse v1/v2 alone. HubSpot signs every request to an OAuth app with v3 as well, and v1/v2 carry
	 * no timestamp: accepting them there would let a copied delivery, its v3 headers stripped, be
	 * replayed at any later time.
	 */
	requireV3?: boolean;
}

const DEFAULT_MAX_AGE_MS = 300_000;

/** v1: hex SHA-256 of secret + body (a plain hash, not an HMAC). */
export function signatureV1(secret: string, rawBody: string | Buffer): string {
	return createHash('sha256').update(secret, 'utf8').update(rawBody).digest('hex');
}

/** v2: hex SHA-256 of secret + method + full URI + body. */
export function signatureV2(
	secret: string,
	method: string,
	uri: string,
	rawBody: string | Buffer,
): string {
	return createHash('sha256')
		.update(`${secret}${method}${uri}`, 'utf8')
		.update(rawBody)
		.digest('hex');
}

/** v3: base64 HMAC-SHA256 keyed by the secret over method + URI + body + timestamp. */
export function signatureV3(
	secret: string,
	method: string,
	uri: string,
	rawBody: string | Buffer,
	timestamp: string,
): string {
	return createHmac('sha256', secret)
		.update(`${method}${uri}`, 'utf8')
		.update(rawBody)
		.update(timestamp, 'utf8')
		.digest('base64');
}

const V3_DECODED: Record<string, string> = {
	'%3A': ':',
	'%2F': '/',
	'%3F': '?',
	'%40': '@',
	'%21': '!',
	'%24': '$',
	'%27': "'",
	'%28': '(',
	'%29': ')',
	'%2A': '*',
	'%2C': ',',
	'%3B': ';',
};

/** HubSpot's v3 rule: decode only these twelve escapes and leave every other one (%20, %26, %3D…) as it is. */
export function normalizeV3Uri(uri: string): string {
	return uri.replace(
		/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
		(escape) => V3_DECODED[escape.toUpperCase()],
	);
}

export function verifyHubSpotSignature(input: VerifyInput): VerifyResult {
	const v3 = header(input.headers, 'x-hubspot-signature-v3');
	if (v3 !== undefined) return verifyV3(input, v3);
	const signature = header(input.headers, 'x-hubspot-signature');
	if (signature === undefined) return { valid: false, reason: 'missing-signature' };
	if (input.requireV3) return { valid: false, reason: 'v3-required' };
	const version = (header(input.headers, 'x-hubspot-signature-version') ?? 'v1')
		.trim()
		.toLowerCase();
	if (version === 'v1') {
		return matches(signature, signatureV1(input.secret, input.rawBody))
			? { valid: true, version: 'v1' }
			: mismatch();
	}
	if (version === 'v2') {
		const method = input.method.toUpperCase();
		const found = input.uris.some((uri) =>
			matches(signature, signatureV2(input.secret, method, uri, input.rawBody)),
		);
		return found ? { valid: true, version: 'v2' } : mismatch();
	}
	return { valid: false, reason: 'unsupported-version' };
}

function verifyV3(input: VerifyInput, signature: string): VerifyResult {
	const timestamp = header(input.headers, 'x-hubspot-request-timestamp');
	if (timestamp === undefined || !/^\d{1,16}$/.test(timestamp.trim()))
		return { valid: false, reason: 'bad-timestamp' };
	const maxAgeMs = input.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
	if (Math.abs(input.nowMs - Number(timestamp.trim())) > maxAgeMs)
		return { valid: false, reason: 'stale-timestamp' };
	const method = input.method.toUpperCase();
	const uris = [...new Set(input.uris.flatMap((uri) => [uri, normalizeV3Uri(uri)]))];
	const found = uris.some((uri) =>
		matches(signature, signatureV3(input.secret, method, uri, input.rawBody, timestamp.trim())),
	);
	return found ? { valid: true, version: 'v3' } : mismatch();
}

function mismatch(): VerifyResult {
	return { valid: false, reason: 'mismatch' };
}

/** Case-insensitive; a header sent twice counts by its first value. */
function header(headers: VerifyInput['headers'], name: string): string | undefined {
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		const first = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first.trim() !== '') return first.trim();
	}
	return undefined;
}

function matches(received: string, expected: string): boolean {
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}
