import { candidateUris } from '../../nodes/HubSpotSchedulingTrigger/publicUrls';

const nodeUrl = 'http://localhost:5678/webhook/abc/hubspot-contact-created';

describe('candidateUris', () => {
	it('accepts only the override when one is set', () => {
		expect(
			candidateUris(
				{ originalUrl: '/webhook/abc/hubspot-contact-created' },
				{ publicUrlOverride: 'https://hooks.example.com/hubspot', nodeUrls: [nodeUrl, undefined] },
			),
		).toEqual(['https://hooks.example.com/hubspot']);
	});

	it('keeps a received query on the override', () => {
		expect(
			candidateUris(
				{ originalUrl: '/webhook/abc/hubspot-contact-created?source=hubspot' },
				{ publicUrlOverride: 'https://hooks.example.com/hubspot', nodeUrls: [nodeUrl] },
			),
		).toEqual(['https://hooks.example.com/hubspot?source=hubspot']);
	});

	it('without an override, tries only the URLs n8n reports for the trigger, with the received query', () => {
		expect(
			candidateUris(
				{ originalUrl: '/webhook/abc/hubspot-contact-created?source=hubspot' },
				{
					nodeUrls: [
						nodeUrl,
						undefined,
						'  ',
						'http://localhost:5678/webhook-test/abc/hubspot-contact-created',
					],
				},
			),
		).toEqual([
			`${nodeUrl}?source=hubspot`,
			'http://localhost:5678/webhook-test/abc/hubspot-contact-created?source=hubspot',
		]);
	});

	it('names no candidate when n8n reports none: nothing the request says about itself is used', () => {
		expect(candidateUris({ originalUrl: '/webhook/abc/x' }, { nodeUrls: [] })).toEqual([]);
	});
});
