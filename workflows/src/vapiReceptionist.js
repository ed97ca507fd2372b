'use strict';

const { renameKeys, respond, setFields, sticky, switchOn, webhook, workflow } = require('./nodes');
const { addToolRouting, settingsFields } = require('./receptionist');

const CALL = '$json.body.message.toolCallList?.[0]';

const OVERVIEW = `## Vapi receptionist: HubSpot meeting booking
One **Server URL** for all five tools of a Vapi assistant. It answers Vapi's \`tool-calls\` message with \`{"results":[{"toolCallId","result"}]}\`, always with HTTP 200 and one line of text, also when HubSpot says no (the caller hears why).

**Set up**
1. Credentials: pick your *HubSpot Scheduling* service key on the five HubSpot nodes, and a *Header Auth* credential on the Webhook (name \`X-Vapi-Secret\`, value = the secret you set on the tools in Vapi).
2. Edit **Settings**: your meeting link slug (\`jane-doe\` or \`team/demo-call\`), its time zone, the default phone country.
3. Publish the workflow and copy the Webhook's **Production URL** into each tool's Server URL in Vapi.`;

const TOOLS_NOTE = `### Tools to create in Vapi (type "function")
- \`get_slots\` — \`date\` (string: 2026-11-24, "today", "tomorrow"), \`days\` (number, optional)
- \`book\` — \`startTime\` (ISO start from get_slots), \`fullName\`, \`email\`, \`phone\` (optional)
- \`reschedule\` — \`email\`, \`currentStartTime\`, \`newStartTime\`
- \`cancel\` — \`startTime\`, \`email\`
- \`lookup_contact\` — \`phone\` (optional: the caller ID is used)

All three argument shapes Vapi sends are read: \`toolCallList[].arguments\` (object), \`.parameters\`, and \`function.arguments\` (JSON string). n8n expressions may not touch a field named \`arguments\`, so *Expose the tool arguments* renames it first. Only the first tool call of a message is answered: turn off parallel tool calls for this assistant.`;

const ERRORS_NOTE = `### Why there is always an answer
The HubSpot nodes are set to **On Error → Continue**: a taken slot or a bad date becomes an item with \`error\`, and the "Say" nodes speak it. A request Vapi sends in a shape nobody expected goes to the red error output of *Read the tool call* and still gets a polite result. Any other Vapi message (status updates, end-of-call reports) gets an empty 200.`;

function vapiReceptionist() {
	const wf = workflow('vapi-receptionist', 'Vapi receptionist (HubSpot Scheduling)');
	const hook = wf.add(
		webhook({
			name: 'Webhook',
			path: 'vapi/receptionist',
			position: [0, 400],
			webhookId: wf.webhookId('Webhook'),
			credential: 'vapiSecret',
		}),
	);
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [220, 400],
			fields: settingsFields(),
			keepInput: true,
		}),
	);
	const messageType = wf.add(
		switchOn({
			name: 'Message type',
			position: [440, 400],
			rules: [['tool-calls', '={{ $json.body.message.type }}', 'equals', 'tool-calls']],
			fallback: 'Other messages',
		}),
	);
	// n8n expressions may not read a field called "arguments" (a sandbox rule), so it is renamed first.
	const expose = wf.add(
		renameKeys({
			name: 'Expose the tool arguments',
			position: [660, 380],
			keys: [
				['body.message.toolCallList[0].parameters', 'toolCall.args'],
				['body.message.toolCallList[0].arguments', 'toolCall.args'],
				['body.message.toolCallList[0].function.arguments', 'toolCall.functionArgs'],
			],
		}),
	);
	const read = wf.add(
		setFields({
			name: 'Read the tool call',
			position: [880, 380],
			onError: 'continueErrorOutput',
			fields: [
				[
					'toolCallId',
					'string',
					`={{ ${CALL}?.id ?? $json.body.message.toolWithToolCallList?.[0]?.toolCall?.id ?? '' }}`,
				],
				['tool', 'string', `={{ ${CALL}?.name ?? ${CALL}?.function?.name ?? '' }}`],
				['args', 'object', '={{ $json.toolCall?.args ?? $json.toolCall?.functionArgs ?? {} }}'],
				[
					'callerPhone',
					'string',
					"={{ $json.body.message.call?.customer?.number ?? $json.body.message.customer?.number ?? '' }}",
				],
			],
		}),
	);
	const answer = wf.add(
		respond({
			name: 'Answer Vapi',
			position: [1880, 400],
			body: '={{ { results: [ { toolCallId: $json.toolCallId, result: $json.result } ] } }}',
		}),
	);
	const router = addToolRouting(wf, {
		origin: [1120, 0],
		answerNode: answer,
		sayExtra: [['toolCallId', 'string', "={{ $('Read the tool call').item.json.toolCallId }}"]],
	});
	const unreadable = wf.add(
		setFields({
			name: 'Say: unreadable tool call',
			position: [1640, 1260],
			fields: [
				['toolCallId', 'string', `={{ ${CALL}?.id ?? '' }}`],
				['result', 'string', 'Sorry, I could not read that request. Please try again.'],
			],
		}),
	);
	const acknowledge = wf.add(
		respond({ name: 'Acknowledge other messages', position: [660, 620], body: '={{ {} }}' }),
	);

	wf.connect(hook, settings);
	wf.connect(settings, messageType);
	wf.connect(messageType, expose, { output: 0 });
	wf.connect(expose, read);
	wf.connect(messageType, acknowledge, { output: 1 });
	wf.connect(read, router);
	wf.connect(read, unreadable, { output: 1 });
	wf.connect(unreadable, answer);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -20],
			width: 680,
			height: 360,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: tools',
			position: [-60, 760],
			width: 680,
			height: 320,
			content: TOOLS_NOTE,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: errors',
			position: [1880, 620],
			width: 440,
			height: 300,
			content: ERRORS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { vapiReceptionist };
