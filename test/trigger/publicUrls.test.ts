import { candidateUris } from '../../nodes/HubSpotSchedulingTrigger/publicUrls';

const nodeUrl = 'http://localhost:5678/webhook/abc/hubspot-contact-created';

describe('candidateUris', () => {
	it("starts with the override, then n8n's own URLs", () => {
		expect(
			candidateUris(
				{ headers: {}, originalUrl: '/webhook/abc/hubspot-contact-created' },
				{ publicUrlOverride: 'https://hooks.example.com/hubspot', nodeUrls: [nodeUrl, undefined] },
			),
		).toEqual(['https://hooks.example.com/hubspot', nodeUrl]);
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
			nodeUrl,
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
