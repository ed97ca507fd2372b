import {
	normalizeV3Uri,
	signatureV1,
	signatureV2,
	signatureV3,
	verifyHubSpotSignature,
} from '../../../nodes/shared/domain/signature';
import type { VerifyInput } from '../../../nodes/shared/domain/signature';

// Test vectors: /work/shared/reference/hubspot-api.md §8.5 (HubSpot docs and SDK tests).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const V1_BODY =
	'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const JSON_BODY = '{"example_field":"example_value"}';
const TIMESTAMP = 1_700_000_000_000;
const V3_SIGNATURE = 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=';

describe('signature algorithms reproduce HubSpot test vectors', () => {
	it('v1', () => {
		expect(signatureV1(SECRET, V1_BODY)).toBe(
			'232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
		);
		expect(signatureV1(SECRET, Buffer.from(V1_BODY, 'utf8'))).toBe(
			'232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
		);
	});

	it('v2', () => {
		expect(signatureV2(SECRET, 'GET', URI, '')).toBe(
			'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
		);
		expect(signatureV2(SECRET, 'POST', URI, JSON_BODY)).toBe(
			'9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
		);
		expect(signatureV2(SECRET, 'POST', URI, Buffer.from(JSON_BODY))).toBe(
			'9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
		);
	});

	it('v3', () => {
		expect(signatureV3(SECRET, 'POST', URI, "{'example_field':'example_value'}", '15000000')).toBe(
			'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
		);
		expect(signatureV3(SECRET, 'POST', URI, JSON_BODY, String(TIMESTAMP))).toBe(V3_SIGNATURE);
		expect(signatureV3(SECRET, 'POST', URI, Buffer.from(JSON_BODY), String(TIMESTAMP))).toBe(
			V3_SIGNATURE,
		);
	});

	it('hashes multi-byte characters as UTF-8 bytes, the same for string and Buffer bodies', () => {
		const body = '[{"firstname":"Zoë","city":"Zürich"}]';
		expect(signatureV1(SECRET, body)).toBe(signatureV1(SECRET, Buffer.from(body, 'utf8')));
		expect(signatureV1(SECRET, body)).not.toBe(signatureV1(SECRET, Buffer.from(body, 'latin1')));
	});
});

describe('normalizeV3Uri', () => {
	it.each([
		[URI, URI],
		['https://h.example/hook?email=jane%40x.com', 'https://h.example/hook?email=jane@x.com'],
		['https://h.example/a%2Fb%2fc%3A%3F', 'https://h.example/a/b/c:?'],
		['https://h.example/%21%24%27%28%29%2A%2C%3B', "https://h.example/!$'()*,;"],
		[
			'https://h.example/hook?name=a%20b&x=%3D%26%25',
			'https://h.example/hook?name=a%20b&x=%3D%26%25',
		],
		['https://h.example/%252F', 'https://h.example/%252F'],
	])('%s → %s', (uri, expected) => {
		expect(normalizeV3Uri(uri)).toBe(expected);
	});
});

function input(overrides: Partial<VerifyInput>): VerifyInput {
	return {
		headers: {},
		method: 'POST',
		uris: [URI],
		rawBody: JSON_BODY,
		secret: SECRET,
		nowMs: TIMESTAMP,
		...overrides,
	};
}

const v3Headers = (signature = V3_SIGNATURE, timestamp = String(TIMESTAMP)) => ({
	'x-hubspot-signature-v3': signature,
	'x-hubspot-request-timestamp': timestamp,
});

describe('verifyHubSpotSignature', () => {
	it('accepts v1 (the default when no version header is sent)', () => {
		const signature = signatureV1(SECRET, V1_BODY);
		expect(
			verifyHubSpotSignature(
				input({ rawBody: V1_BODY, headers: { 'X-HubSpot-Signature': signature } }),
			),
		).toEqual({ valid: true, version: 'v1' });
		expect(
			verifyHubSpotSignature(
				input({
					rawBody: Buffer.from(V1_BODY),
					headers: { 'X-HubSpot-Signature': signature, 'X-HubSpot-Signature-Version': 'v1' },
				}),
			),
		).toEqual({ valid: true, version: 'v1' });
	});

	it('refuses v1 and v2 alone when v3 is required, and still accepts v3 then', () => {
		const v1 = { 'X-HubSpot-Signature': signatureV1(SECRET, V1_BODY) };
		expect(
			verifyHubSpotSignature(input({ rawBody: V1_BODY, headers: v1, requireV3: true })),
		).toEqual({ valid: false, reason: 'v3-required' });
		expect(verifyHubSpotSignature(input({ headers: v3Headers(), requireV3: true }))).toEqual({
			valid: true,
			version: 'v3',
		});
	});

	it('accepts v2 against any candidate URI, with the method upper-cased', () => {
		const headers = {
			'x-hubspot-signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
			'x-hubspot-signature-version': 'V2',
		};
		expect(
			verifyHubSpotSignature(
				input({ headers, method: 'post', uris: ['http://localhost:5678/webhook/x', URI] }),
			),
		).toEqual({ valid: true, version: 'v2' });
		expect(
			verifyHubSpotSignature(input({ headers, uris: ['http://localhost:5678/webhook/x'] })),
		).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('accepts v3 inside the window, in either direction, up to exactly the limit', () => {
		expect(verifyHubSpotSignature(input({ headers: v3Headers() }))).toEqual({
			valid: true,
			version: 'v3',
		});
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(), nowMs: TIMESTAMP + 300_000 })),
		).toEqual({ valid: true, version: 'v3' });
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(), nowMs: TIMESTAMP - 300_000 })),
		).toEqual({ valid: true, version: 'v3' });
	});

	it('rejects a stale or future v3 timestamp', () => {
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(), nowMs: TIMESTAMP + 300_001 })),
		).toEqual({ valid: false, reason: 'stale-timestamp' });
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(), nowMs: TIMESTAMP - 300_001 })),
		).toEqual({ valid: false, reason: 'stale-timestamp' });
		expect(
			verifyHubSpotSignature(
				input({ headers: v3Headers(), nowMs: TIMESTAMP + 60_001, maxAgeMs: 60_000 }),
			),
		).toEqual({
			valid: false,
			reason: 'stale-timestamp',
		});
	});

	it('rejects a missing or malformed v3 timestamp', () => {
		expect(
			verifyHubSpotSignature(input({ headers: { 'x-hubspot-signature-v3': V3_SIGNATURE } })),
		).toEqual({ valid: false, reason: 'bad-timestamp' });
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(V3_SIGNATURE, '2023-11-14T22:13:20Z') })),
		).toEqual({ valid: false, reason: 'bad-timestamp' });
		expect(verifyHubSpotSignature(input({ headers: v3Headers(V3_SIGNATURE, '-1') }))).toEqual({
			valid: false,
			reason: 'bad-timestamp',
		});
	});

	it('tries each candidate URI verbatim and with the v3 decoding rule', () => {
		const encoded = 'https://www.example.com/webhook_uri?email=jane%40x.com&q=a%20b';
		const decoded = 'https://www.example.com/webhook_uri?email=jane@x.com&q=a%20b';
		const timestamp = String(TIMESTAMP);
		const overDecoded = signatureV3(SECRET, 'POST', decoded, JSON_BODY, timestamp);
		const overEncoded = signatureV3(SECRET, 'POST', encoded, JSON_BODY, timestamp);
		expect(
			verifyHubSpotSignature(input({ uris: [encoded], headers: v3Headers(overDecoded) })),
		).toEqual({ valid: true, version: 'v3' });
		expect(
			verifyHubSpotSignature(input({ uris: [encoded], headers: v3Headers(overEncoded) })),
		).toEqual({ valid: true, version: 'v3' });
		expect(verifyHubSpotSignature(input({ uris: [URI], headers: v3Headers(overEncoded) }))).toEqual(
			{ valid: false, reason: 'mismatch' },
		);
	});

	it('rejects a forged signature, a wrong secret and a body changed by one byte', () => {
		const forged = signatureV3('not-the-secret', 'POST', URI, JSON_BODY, String(TIMESTAMP));
		expect(verifyHubSpotSignature(input({ headers: v3Headers(forged) }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
		expect(verifyHubSpotSignature(input({ headers: v3Headers(), secret: `${SECRET}x` }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
		const tampered = Buffer.from(JSON_BODY);
		tampered[tampered.length - 2] ^= 1;
		expect(verifyHubSpotSignature(input({ headers: v3Headers(), rawBody: tampered }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
		const v1 = { 'x-hubspot-signature': signatureV1(SECRET, V1_BODY) };
		expect(
			verifyHubSpotSignature(input({ headers: v1, rawBody: V1_BODY.replace('123', '124') })),
		).toEqual({ valid: false, reason: 'mismatch' });
	});

	it('treats signatures of the wrong length as a mismatch without throwing', () => {
		expect(
			verifyHubSpotSignature(input({ headers: v3Headers(V3_SIGNATURE.slice(0, 10)) })),
		).toEqual({ valid: false, reason: 'mismatch' });
		expect(verifyHubSpotSignature(input({ headers: v3Headers(`${V3_SIGNATURE}==`) }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
		expect(verifyHubSpotSignature(input({ headers: { 'x-hubspot-signature': 'zz' } }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});

	it('prefers v3 when both kinds are present', () => {
		const headers = {
			...v3Headers('A'.repeat(44)),
			'x-hubspot-signature': signatureV2(SECRET, 'POST', URI, JSON_BODY),
			'x-hubspot-signature-version': 'v2',
		};
		expect(verifyHubSpotSignature(input({ headers }))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});

	it('reports missing signatures and unsupported versions', () => {
		expect(verifyHubSpotSignature(input({ headers: {} }))).toEqual({
			valid: false,
			reason: 'missing-signature',
		});
		expect(
			verifyHubSpotSignature(
				input({ headers: { 'x-hubspot-signature': '   ', 'content-type': 'application/json' } }),
			),
		).toEqual({
			valid: false,
			reason: 'missing-signature',
		});
		expect(
			verifyHubSpotSignature(
				input({ headers: { 'x-hubspot-signature': 'abc', 'x-hubspot-signature-version': 'v4' } }),
			),
		).toEqual({
			valid: false,
			reason: 'unsupported-version',
		});
	});

	it('reads header names case-insensitively and array values by their first entry', () => {
		const headers = {
			'X-HUBSPOT-SIGNATURE-V3': [V3_SIGNATURE, 'ignored'],
			'X-HubSpot-Request-Timestamp': [String(TIMESTAMP)],
			'x-unrelated': undefined,
		};
		expect(verifyHubSpotSignature(input({ headers }))).toEqual({ valid: true, version: 'v3' });
	});
});
