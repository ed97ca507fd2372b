import { decideRetry } from '../../../nodes/shared/transport/retryPolicy';
import { paths, validateSlug } from '../../../nodes/shared/transport/paths';
import { redactSecrets } from '../../../nodes/shared/transport/redact';

const noJitter = () => 0;

describe('decideRetry', () => {
	it('never retries a DAILY 429', () => {
		expect(decideRetry({ status: 429, policyName: 'DAILY' }, 'read', 1, noJitter)).toEqual({
			retry: false,
		});
	});

	it('retries a 429 for writes too, because HubSpot refused it before acting', () => {
		expect(
			decideRetry({ status: 429, policyName: 'TEN_SECONDLY_ROLLING' }, 'write', 1, noJitter),
		).toEqual({ retry: true, waitMs: 1500 });
		expect(decideRetry({ status: 429, policyName: 'SECONDLY' }, 'search', 2, noJitter)).toEqual({
			retry: true,
			waitMs: 2000,
		});
	});

	it('caps the backoff and stops after the attempt limit', () => {
		expect(decideRetry({ status: 429 }, 'read', 5, noJitter)).toEqual({
			retry: true,
			waitMs: 10000,
		});
		expect(decideRetry({ status: 429 }, 'read', 6, noJitter)).toEqual({ retry: false });
	});

	it('retries 5xx and network errors only for requests that are safe to repeat', () => {
		expect(decideRetry({ status: 503 }, 'read', 1, noJitter)).toEqual({ retry: true, waitMs: 200 });
		expect(decideRetry({ networkError: true }, 'idempotent-write', 2, noJitter)).toEqual({
			retry: true,
			waitMs: 400,
		});
		expect(decideRetry({ status: 502 }, 'write', 1, noJitter)).toEqual({ retry: false });
		expect(decideRetry({ status: 423 }, 'write', 1, noJitter)).toEqual({ retry: false });
		expect(decideRetry({ status: 423 }, 'search', 1, noJitter)).toEqual({
			retry: true,
			waitMs: 2000,
		});
	});

	it('does not retry client errors', () => {
		expect(decideRetry({ status: 400 }, 'read', 1, noJitter)).toEqual({ retry: false });
		expect(decideRetry({ status: 404 }, 'read', 1, noJitter)).toEqual({ retry: false });
	});
});

describe('paths', () => {
	it('encodes a team slug as one path segment', () => {
		expect(paths.bookingInfo('team/demo-call')).toBe(
			'/scheduler/2026-09/meetings/meeting-links/book/team%2Fdemo-call',
		);
	});

	it.each(['../admin', 'a/b/c', 'jane doe', 'x?y=1', '', '%2e%2e', 'a//b'])(
		'rejects the slug %p',
		(slug) => {
			expect(() => validateSlug(slug)).toThrow(/is not a HubSpot meeting-link slug/);
		},
	);

	it('rejects non-numeric record ids', () => {
		expect(() => paths.meeting('12/../3')).toThrow(/is not a HubSpot record ID/);
		expect(paths.meeting('51234567890')).toBe('/crm/objects/2026-09/meetings/51234567890');
	});
});

describe('redactSecrets', () => {
	it('removes tokens, keys and known secrets', () => {
		const text =
			'Bearer abc.def pat-na1-11111111-2222 hapikey=sandbox-developer-key my-client-secret-value';
		expect(redactSecrets(text, ['my-client-secret-value'])).toBe(
			'[redacted] [redacted] hapikey=[redacted] [redacted]',
		);
	});
});
