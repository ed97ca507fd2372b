import { candidateUris } from '../../nodes/HubSpotSchedulingTrigger/publicUrls';

const nodeUrl = 'http://localhost:5678/webhook/abc/hubspot-contact-created';

describe('candidateUris', () => {
	it('accepts only the override when one is set, whatever the request says about its host', () => {
		expect(
			candidateUris(
				{
					headers: { host: 'staging.example.com', 'x-forwarded-host': 'staging.example.com' },
					originalUrl: '/webhook/abc/hubspot-contact-created',
				},
				{ publicUrlOverride: 'https://hooks.example.com/hubspot', nodeUrls: [nodeUrl, undefined] },
			),
		).toEqual(['https://hooks.example.com/hubspot']);
	});

	it('keeps a received query on the override', () => {
		expect(
			candidateUris(
				{ headers: {}, originalUrl: '/webhook/abc/hubspot-contact-created?source=hubspot' },
				{ publicUrlOverride: 'https://hooks.example.com/hubspot', nodeUrls: [nodeUrl] },
			),
		).toEqual(['https://hooks.example.com/hubspot?source=hubspot']);
	});

	it("without an override, tries n8n's own URLs, then the Host header", () => {
		expect(
			candidateUris(
				{ headers: {}, originalUrl: '/webhook/abc/hubspot-contact-created' },
				{ nodeUrls: [nodeUrl, undefined] },
			),
		).toEqual([nodeUrl]);
	});

	it('rebuilds the public URL from X-Forwarded-* headers, keeping the path and query as received', () => {
		const uris = candidateUris(
			{
				headers: {
					host: '127.0.0.1:5678',
					'x-forwarded-proto': 'https, http',
					'x-forwarded-host': 'n8n.example.com',
					'x-forwarded-port': '443',
				},
				originalUrl: '/webhook/abc/hubspot-contact-created?source=hubspot',
				protocol: 'http',
			},
			{ nodeUrls: [nodeUrl] },
		);
		expect(uris).toEqual([
			`${nodeUrl}?source=hubspot`,
			'https://n8n.example.com/webhook/abc/hubspot-contact-created?source=hubspot',
			'http://127.0.0.1:5678/webhook/abc/hubspot-contact-created?source=hubspot',
		]);
	});

	it('reads the RFC 7239 Forwarded header and a non-default forwarded port and prefix', () => {
		const uris = candidateUris(
			{
				headers: {
					forwarded: 'for=1.2.3.4;proto=https;host="hooks.example.com", for=10.0.0.1',
					'x-forwarded-port': '8443',
					'x-forwarded-prefix': '/n8n/',
				},
				originalUrl: '/webhook/abc/hubspot-contact-created',
			},
			{ nodeUrls: [] },
		);
		expect(uris).toEqual([
			'https://hooks.example.com:8443/n8n/webhook/abc/hubspot-contact-created',
		]);
	});
});
