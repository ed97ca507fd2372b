'use strict';

const {
	loopOneByOne,
	renameKeys,
	respond,
	setFields,
	splitOut,
	sticky,
	switchOn,
	workflow,
} = require('./nodes');
const {
	CALLER_RULES,
	TOOL_LIST,
	TOOL_SECONDS,
	addToolRouting,
	addWebhookAndSettings,
} = require('./receptionist');

const MESSAGE = '$json.body.message';

const OVERVIEW = `## Vapi receptionist: HubSpot meeting booking
One **Server URL** for all five tools of a Vapi assistant. It answers Vapi's \`tool-calls\` message with \`{"results":[{"toolCallId","name","result"}]}\`: every tool call of the message, in order, always with HTTP 200 and one line of text, also when HubSpot says no (the caller hears why). Requests without your credential get 403 and never reach HubSpot.

**Set up (in this order)**
1. n8n, **Webhook** node → *Credential for Header Auth* → create new: Name \`Authorization\`, Value \`Bearer <a long random secret>\`. Its **Path** is already a random ID (n8n makes one on import; if it is empty, paste any long random string).
2. Vapi dashboard → **Integrations** → **Custom Credential** (type *Bearer Token*): Token = the same secret, header \`Authorization\` with the Bearer prefix (Vapi's defaults). To use another header (e.g. \`X-Vapi-Secret\`), set it there with the prefix off, and in n8n use that header name and the bare secret.
3. n8n: pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings** (meeting link slug such as \`jane-doe\` or \`team/demo-call\`, its time zone, the default phone country).
4. Publish the workflow and copy the Webhook's **Production URL**.
5. Vapi → your assistant → **Tools**: create the five tools below (type *Function*), each with Server URL = that URL, the credential from step 2, and timeout 20 s (the default; each HubSpot step here answers within ${TOOL_SECONDS} s).`;

const TOOLS_NOTE = `### Tools to create in Vapi (type "function")
${TOOL_LIST}

Every argument shape Vapi sends is read: \`toolCallList[].arguments\` (object), \`.parameters\`, \`function.arguments\` (JSON string), and messages that carry only \`toolWithToolCallList\`. Several tool calls in one message are answered one by one, in order (keep them few: each may take up to ${TOOL_SECONDS} s).

${CALLER_RULES}`;

const ERRORS_NOTE = `### Why there is always an answer
The HubSpot nodes are set to **On Error → Continue** and **Answer Within** ${TOOL_SECONDS} s: a taken slot, a bad date or a slow HubSpot becomes an item with \`error\`, and the "Say" nodes speak it (a timeout as a short apology). A tool call Vapi sends in a shape nobody expected goes to the red error output of *Read the tool call* and still gets a polite result. Any other Vapi message (status updates, end-of-call reports) gets an empty 200.`;

/**
 * Vapi's tool calls: toolCallList, or (messages that carry only that) toolWithToolCallList[].toolCall;
 * each gets the caller's number (phone calls only: the caller inbound, the person called outbound;
 * none on web calls).
 */
const CALLER_PHONE = `(${MESSAGE}.call?.customer?.number ?? ${MESSAGE}.customer?.number ?? '')`;
const CALL_LIST = `((calls) => (calls.length > 0 ? calls : [{}]).map(call => ({ ...call, callerPhone: ${CALLER_PHONE} })))(${MESSAGE}.toolCallList?.length ? ${MESSAGE}.toolCallList : (${MESSAGE}.toolWithToolCallList ?? []).map(tool => ({ ...(tool.toolCall ?? {}), name: tool.toolCall?.function?.name ?? tool.function?.name ?? tool.name })))`;

function vapiReceptionist() {
	const wf = workflow('vapi-receptionist', 'Vapi receptionist (HubSpot Scheduling)');
	const { hook, settings } = addWebhookAndSettings(wf, { credential: 'vapiSecret' });
	const messageType = wf.add(
		switchOn({
			name: 'Message type',
			position: [440, 400],
			rules: [['tool-calls', `={{ ${MESSAGE}.type }}`, 'equals', 'tool-calls']],
			fallback: 'Other messages',
		}),
	);
	const list = wf.add(
		setFields({
			name: 'List the tool calls',
			position: [660, 380],
			fields: [['calls', 'array', `={{ ${CALL_LIST} }}`]],
		}),
	);
	const split = wf.add(
		splitOut({
			name: 'One item per tool call',
			position: [880, 380],
			field: 'calls',
		}),
	);
	// n8n expressions may not read a field called "arguments" (a sandbox rule), so it is renamed first.
	const expose = wf.add(
		renameKeys({
			name: 'Expose the tool arguments',
			position: [1100, 380],
			keys: [
				['parameters', 'args'],
				['arguments', 'args'],
				['function.parameters', 'args'],
				['function.arguments', 'functionArgs'],
			],
		}),
	);
	const loop = wf.add(loopOneByOne({ name: 'Each tool call, in order', position: [1320, 380] }));
	const read = wf.add(
		setFields({
			name: 'Read the tool call',
			position: [1540, 400],
			onError: 'continueErrorOutput',
			fields: [
				['toolCallId', 'string', "={{ $json.id ?? '' }}"],
				['name', 'string', "={{ $json.name ?? $json.function?.name ?? '' }}"],
				['tool', 'string', "={{ $json.name ?? $json.function?.name ?? '' }}"],
				['args', 'object', '={{ $json.args ?? $json.functionArgs ?? {} }}'],
				['callerPhone', 'string', "={{ $json.callerPhone ?? '' }}"],
			],
		}),
	);
	const answer = wf.add(
		respond({
			name: 'Answer Vapi',
			position: [1540, 160],
			body: '={{ { results: $input.all().map(item => ({ toolCallId: item.json.toolCallId, name: item.json.name, result: item.json.result })) } }}',
		}),
	);
	const router = addToolRouting(wf, {
		origin: [1780, 0],
		answerNode: loop,
		sayExtra: [
			['toolCallId', 'string', "={{ $('Read the tool call').item.json.toolCallId }}"],
			['name', 'string', "={{ $('Read the tool call').item.json.name }}"],
		],
	});
	const unreadable = wf.add(
		setFields({
			name: 'Say: unreadable tool call',
			position: [1780, 1500],
			fields: [
				['toolCallId', 'string', "={{ $json.id ?? '' }}"],
				['name', 'string', "={{ $json.name ?? $json.function?.name ?? '' }}"],
				['result', 'string', 'Sorry, I could not read that request. Please try again.'],
			],
		}),
	);
	const acknowledge = wf.add(
		respond({ name: 'Acknowledge other messages', position: [660, 620], body: '={{ {} }}' }),
	);

	wf.connect(hook, settings);
	wf.connect(settings, messageType);
	wf.connect(messageType, list, { output: 0 });
	wf.connect(messageType, acknowledge, { output: 1 });
	wf.connect(list, split);
	wf.connect(split, expose);
	wf.connect(expose, loop);
	wf.connect(loop, answer, { output: 0 });
	wf.connect(loop, read, { output: 1 });
	wf.connect(read, router);
	wf.connect(read, unreadable, { output: 1 });
	wf.connect(unreadable, loop);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -260],
			width: 1000,
			height: 600,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: tools',
			position: [-60, 760],
			width: 1000,
			height: 460,
			content: TOOLS_NOTE,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: errors',
			position: [1000, 620],
			width: 520,
			height: 300,
			content: ERRORS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { vapiReceptionist };
