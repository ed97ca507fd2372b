/**
 * HubSpot's webhook request signatures, computed over the raw body bytes exactly as sent.
 * v1 is a plain SHA-256 of secret + body (not an HMAC); v3 is a base64 HMAC-SHA256 keyed with the
 * secret over method + uri + body + timestamp.
 */
import { createHash, createHmac } from 'node:crypto';

export function signatureV1(secret: string, rawBody: string): string {
	return createHash('sha256')
		.update(secret + rawBody, 'utf8')
		.digest('hex');
}

export function signatureV2(secret: string, method: string, uri: string, rawBody: string): string {
	return createHash('sha256')
		.update(secret + method + uri + rawBody, 'utf8')
		.digest('hex');
}

export function signatureV3(
	secret: string,
	method: string,
	uri: string,
	rawBody: string,
	timestamp: string,
): string {
	return createHmac('sha256', secret)
		.update(method + uri + rawBody + timestamp, 'utf8')
		.digest('base64');
}

/** The headers HubSpot sends with a delivery to a webhooks-API (v1) target that also gets v3. */
export function signedHeaders(
	secret: string,
	uri: string,
	rawBody: string,
	timestampMs: number,
): Record<string, string> {
	const timestamp = String(timestampMs);
	return {
		'Content-Type': 'application/json',
		'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor',
		'X-HubSpot-Signature': signatureV1(secret, rawBody),
		'X-HubSpot-Signature-Version': 'v1',
		'X-HubSpot-Signature-v3': signatureV3(secret, 'POST', uri, rawBody, timestamp),
		'X-HubSpot-Request-Timestamp': timestamp,
	};
}
