'use strict';

const {
	SCHEDULING_TRIGGER,
	credentialRef,
	setFields,
	sticky,
	switchOn,
	workflow,
} = require('./nodes');

const OVERVIEW = `## New HubSpot lead → outbound call, inside calling hours
1. **New HubSpot contact** receives HubSpot's signed webhook when a contact is created (forged or stale requests get 401, and an event HubSpot delivers again starts nothing), reads the contact, and adds \`callWindow\`: \`openNow\` and \`nextOpenAt\` for Mon–Fri 09:00–18:00 in the contact's own time zone (else the fixed one).
2. Contacts without a phone number stop at *Has a phone number?*.
3. HubSpot sends new contacts in batches, so each contact is handed to its own execution of this workflow (*For one contact*): one contact's wait never delays another's call.
4. **Wait for the call window** waits until \`nextOpenAt\` (at once when the window is open), then **Start the outbound call** asks your voice platform to call \`contact.phoneE164\`.

**Set up**
- Trigger credentials: your *HubSpot Scheduling* service key (reads the contact) and your app's client secret (checks signatures). Copy the trigger's **Production URL** into your HubSpot app's webhook settings with a contact-creation subscription (see the trigger's notice), or switch it to Automatic mode for a legacy public app.
- **Settings**: the call API URL and IDs. The body below is Vapi's \`POST /call\`; for Retell use \`https://api.retellai.com/v2/create-phone-call\` with \`from_number\`, \`to_number\`, \`retell_llm_dynamic_variables\`; for ElevenLabs + Twilio \`https://api.elevenlabs.io/v1/convai/twilio/outbound-call\` with \`agent_id\`, \`agent_phone_number_id\`, \`to_number\`.
- The *Header Auth* credential on the HTTP node, as each API expects its key: Vapi and Retell: name \`Authorization\`, value \`Bearer <your API key>\`; ElevenLabs: name \`xi-api-key\`, value \`<your API key>\` (no Bearer).`;

const WAIT_NOTE = `### About the wait
n8n keeps waits shorter than 65 s in memory and stores longer ones, resuming them on time even after a restart. Executions waiting for the window show as *Waiting* in the executions list.`;

function outboundCall() {
	const wf = workflow(
		'new-lead-outbound-call',
		'New HubSpot lead → outbound call in calling hours (HubSpot Scheduling)',
	);
	const trigger = wf.add({
		name: 'New HubSpot contact',
		type: SCHEDULING_TRIGGER,
		typeVersion: 1.1,
		position: [0, 300],
		webhookId: wf.webhookId('New HubSpot contact'),
		parameters: {
			subscriptionMode: 'appConfiguration',
			authentication: 'serviceKey',
			verifySignature: true,
			secretFrom: 'webhookSecretCredential',
			enrich: true,
			addCallWindow: true,
			callDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
			callEarliest: '09:00',
			callLatest: '18:00',
			callTimeZoneSource: 'contact',
			callTimeZone: 'America/New_York',
			options: {},
		},
		credentials: { ...credentialRef('serviceKey'), ...credentialRef('webhookSecret') },
	});
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [240, 300],
			keepInput: true,
			fields: [
				['callApiUrl', 'string', 'https://api.vapi.ai/call'],
				['assistantId', 'string', 'your-vapi-assistant-id'],
				['phoneNumberId', 'string', 'your-vapi-phone-number-id'],
			],
		}),
	);
	const hasPhone = wf.add(
		switchOn({
			name: 'Has a phone number?',
			position: [480, 300],
			rules: [['Callable', '={{ $json.contact.phoneE164 }}', 'notEmpty']],
			fallback: 'No phone number',
		}),
	);
	// HubSpot batches up to 100 new contacts per delivery, and a Wait node waits once for all its
	// items; so each contact gets an execution of its own (this workflow calls itself) and waits alone.
	const loop = wf.add({
		name: 'One contact at a time',
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
		position: [720, 280],
		parameters: { batchSize: 1, options: {} },
	});
	const handOff = wf.add({
		name: 'Call in its own execution',
		type: 'n8n-nodes-base.executeWorkflow',
		typeVersion: 1.2,
		position: [960, 360],
		parameters: {
			source: 'database',
			workflowId: { __rl: true, mode: 'id', value: '={{ $workflow.id }}' },
			options: { waitForSubWorkflow: false },
		},
	});
	const perContact = wf.add({
		name: 'For one contact',
		type: 'n8n-nodes-base.executeWorkflowTrigger',
		typeVersion: 1.1,
		position: [0, 720],
		parameters: { inputSource: 'passthrough' },
	});
	const wait = wf.add({
		name: 'Wait for the call window',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [240, 720],
		webhookId: wf.webhookId('Wait for the call window'),
		parameters: { resume: 'specificTime', dateTime: '={{ $json.callWindow.nextOpenAt }}' },
	});
	const call = wf.add({
		name: 'Start the outbound call',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [480, 720],
		parameters: {
			method: 'POST',
			url: '={{ $json.callApiUrl }}',
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				"={{ JSON.stringify({ assistantId: $json.assistantId, phoneNumberId: $json.phoneNumberId, customer: { number: $json.contact.phoneE164, name: $json.contact.fullName ?? '' }, assistantOverrides: { variableValues: { firstName: $json.contact.firstName ?? '', email: $json.contact.email ?? '', hubspotContactId: $json.contactId } } }) }}",
			options: {},
		},
		credentials: credentialRef('voicePlatformApiKey'),
	});
	wf.connect(trigger, settings);
	wf.connect(settings, hasPhone);
	wf.connect(hasPhone, loop, { output: 0 });
	wf.connect(loop, handOff, { output: 1 });
	wf.connect(handOff, loop);
	wf.connect(perContact, wait);
	wf.connect(wait, call);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -360],
			width: 1020,
			height: 520,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: wait',
			position: [720, 660],
			width: 420,
			height: 180,
			content: WAIT_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { outboundCall };
