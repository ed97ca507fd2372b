import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { HubSpotScheduling } from '../../nodes/HubSpotScheduling/HubSpotScheduling.node';
import { HubSpotSchedulingTrigger } from '../../nodes/HubSpotSchedulingTrigger/HubSpotSchedulingTrigger.node';

/**
 * What n8n's editor makes of the node descriptions, derived the way n8n 2.41's editor derives it
 * (node panel, canvas subtitle, which fields and credentials a panel shows). The browser suite
 * (test/browser) checks the same things in the real editor; these keep them fixed without it.
 */

const node = new HubSpotScheduling().description;
const trigger = new HubSpotSchedulingTrigger().description;

/** n8n's node panel: a trigger's events are the options of its field labelled Event, Events or Trigger On. */
function triggerEvents(description: INodeTypeDescription): string[] {
	const field = description.properties.find((property) =>
		['event', 'events', 'trigger on'].includes(property.displayName.toLowerCase()),
	);
	if (!field?.options)
		return [`On new ${description.displayName.replace('Trigger', '').trim()} event`];
	return field.options.map((option) =>
		'action' in option && typeof option.action === 'string' ? option.action : `On ${option.name}`,
	);
}

/** The canvas subtitle, evaluated as n8n evaluates `={{ … }}` with `$parameter`. */
function subtitleFor(description: INodeTypeDescription, parameters: INodeParameters): string {
	const expression = String(description.subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return new Function('$parameter', `return ${expression};`)(parameters) as string;
}

/** The parameters n8n resolves for a node (defaults filled in for the fields shown). */
function resolved(description: INodeTypeDescription, typeVersion: number, values: INodeParameters) {
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		{ typeVersion },
		description,
	) as INodeParameters;
	const shows = (name: string) =>
		description.properties
			.filter((property) => property.name === name && property.type !== 'hidden')
			.some((property) =>
				NodeHelpers.displayParameter(parameters, property, { typeVersion }, description),
			);
	const credentials = (description.credentials ?? [])
		.filter((credential) =>
			NodeHelpers.displayParameter(parameters, credential, { typeVersion }, description),
		)
		.map((credential) => credential.name);
	return { parameters, shows, credentials };
}

describe('HubSpot Scheduling in the node panel and on the canvas', () => {
	it("n8n shows the webhook trigger's description for the merged entry, so it names the actions and the trigger", () => {
		// n8n 2.41 merges "<name>Trigger" into "<name>" and shows the trigger's description for both.
		expect(trigger.name.replace('Trigger', '')).toBe(node.name);
		expect(trigger.description).toMatch(/^Find free times/);
		expect(trigger.description).toMatch(/book, cancel or move meetings/);
		expect(trigger.description).toMatch(/when a contact is created/);
	});

	it('lists the webhook trigger\'s one event as "On contact created"', () => {
		expect(triggerEvents(trigger)).toEqual(['On contact created']);
		const event = trigger.properties.find((property) => property.name === 'event');
		expect(event).toMatchObject({ default: 'contactCreated', noDataExpression: true });
	});

	it('names the chosen action under the node on the canvas', () => {
		const operations = node.properties.find((property) => property.name === 'operation');
		const subtitles = (operations?.options ?? []).map((option) =>
			subtitleFor(node, { operation: 'value' in option ? option.value : '' }),
		);
		expect(subtitles).toEqual([
			'Book a meeting',
			'Cancel a meeting',
			'Get free slots',
			'Look up a contact',
			'Reschedule a meeting',
		]);
	});
});

describe('HubSpot Scheduling operation panels', () => {
	/** Every field of the node, collection options included, with the operations that show it. */
	function allFields(): Array<{
		name: string;
		displayName: string;
		hint?: string;
		operations: string[];
	}> {
		return node.properties.flatMap((property) => {
			const operations = (property.displayOptions?.show?.operation ?? []) as string[];
			const nested = (property.options ?? []).filter(
				(option): option is INodeProperties => 'displayName' in option,
			);
			return [property, ...nested].map((field) => ({
				name: field.name,
				displayName: field.displayName,
				hint: field.hint,
				operations,
			}));
		});
	}

	it('labels a field the same in every operation', () => {
		const labels = new Map<string, Set<string>>();
		for (const field of allFields()) {
			labels.set(field.name, (labels.get(field.name) ?? new Set()).add(field.displayName));
		}
		const differing = [...labels].filter(([, names]) => names.size > 1);
		expect(differing).toEqual([]);
		expect([...(labels.get('defaultCountry') ?? [])]).toEqual(['Default Phone Country']);
	});

	it('hints how the start times and the caller ID are usually filled: with an expression', () => {
		const hints = Object.fromEntries(
			allFields()
				.filter((field) => field.hint !== undefined)
				.map((field) => [`${field.operations.join(',')}.${field.name}`, field.hint]),
		);
		expect(Object.keys(hints).sort()).toEqual([
			'book.startTime',
			'lookupContact.phone',
			'reschedule.newStartTime',
		]);
		expect(hints['book.startTime']).toContain('{{ $json.slots[0].start }}');
		expect(hints['reschedule.newStartTime']).toContain('{{ $json.slots[0].start }}');
		expect(hints['lookupContact.phone']).toContain('{{ $json.body.message.call.customer.number }}');
	});

	it('describes each choice of an options field with a sentence that starts with a verb', () => {
		const firstWords = node.properties
			.concat(trigger.properties)
			.filter((property) => property.type === 'options')
			.flatMap((property) => property.options ?? [])
			.flatMap((option) =>
				'description' in option && typeof option.description === 'string'
					? [option.description.split(' ')[0]]
					: [],
			);
		const notVerbs = firstWords.filter((word) => /^(The|A|An|For|Best|You)$/.test(word));
		expect(notVerbs).toEqual([]);
	});
});

describe('webhook trigger: where the signing secret comes from', () => {
	const webhookSecret = 'hubSpotSchedulingWebhookSecretApi';

	it('is 1.1 for new nodes, keeping 1 for saved workflows', () => {
		expect(trigger.version).toEqual([1, 1.1]);
		expect(trigger.defaultVersion).toBe(1.1);
	});

	it('1.1 with a service key: the webhook secret credential, no choice and no warning', () => {
		const panel = resolved(trigger, 1.1, { authentication: 'serviceKey' });
		expect(panel.parameters.secretFrom).toBe('webhookSecretCredential');
		expect(panel.shows('secretFrom')).toBe(false);
		expect(panel.shows('secretMismatchNotice')).toBe(false);
		expect(panel.credentials).toEqual(['hubSpotSchedulingServiceKeyApi', webhookSecret]);
	});

	it('1.1 with OAuth2: the choice is offered, the OAuth2 client secret by default', () => {
		const panel = resolved(trigger, 1.1, { authentication: 'oAuth2' });
		expect(panel.parameters.secretFrom).toBe('oAuth2Credential');
		expect(panel.shows('secretFrom')).toBe(true);
		expect(panel.credentials).toEqual(['hubSpotSchedulingOAuth2Api']);
		const separate = resolved(trigger, 1.1, {
			authentication: 'oAuth2',
			secretFrom: 'webhookSecretCredential',
		});
		expect(separate.credentials).toEqual(['hubSpotSchedulingOAuth2Api', webhookSecret]);
	});

	it('1 keeps its fields and default, so saved workflows resolve as before', () => {
		const panel = resolved(trigger, 1, { authentication: 'serviceKey' });
		expect(panel.parameters.secretFrom).toBe('oAuth2Credential');
		expect(panel.shows('secretFrom')).toBe(true);
		expect(panel.shows('secretMismatchNotice')).toBe(true);
		expect(panel.credentials).toEqual(['hubSpotSchedulingServiceKeyApi']);
	});

	it('without signature checks, no signing secret and no secret credential', () => {
		for (const authentication of ['serviceKey', 'oAuth2']) {
			const panel = resolved(trigger, 1.1, { authentication, verifySignature: false });
			expect(panel.shows('secretFrom')).toBe(false);
			expect(panel.credentials).not.toContain(webhookSecret);
		}
	});
});
