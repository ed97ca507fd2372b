'use strict';

const {
	binaryAsText,
	hmacSha256,
	ifTrue,
	respond,
	setFields,
	sticky,
	switchOn,
	webhook,
	workflow,
} = require('./nodes');
const {
	CALLER_RULES,
	CALLER_VARIABLES,
	TOOL_LIST,
	TOOL_SECONDS,
	addToolRouting,
	callerLookup,
	settingsFields,
	answerWithResult,
} = require('./receptionist');

/** X-Retell-Signature: `v=<ms timestamp>,d=<hex HMAC-SHA256(API key, raw body + timestamp)>`. */
const SIGNATURE = "String($('Webhook').item.json.headers['x-retell-signature'] ?? '')";
const SIGNED_AT = `((${SIGNATURE}.match(/v=(\\d+)/) ?? [])[1] ?? '')`;
const SIGNED_DIGEST = `((${SIGNATURE}.match(/d=([0-9a-fA-F]+)/) ?? [])[1] ?? '').toLowerCase()`;
/** Retell's SDK accepts a signature for 5 minutes either side of its timestamp. */
const WINDOW_MS = 300_000;

const OVERVIEW = `## Retell AI receptionist + inbound caller context
One URL for everything Retell sends:
- the **inbound call webhook** (\`call_inbound\`): answered with \`call_inbound.dynamic_variables\` from HubSpot (all strings, as Retell requires): \`{{caller_known}}\`, \`{{caller_name}}\`, \`{{caller_first_name}}\`, \`{{caller_email}}\`, \`{{caller_context}}\`, \`{{next_meeting}}\`. Retell waits 10 s and retries up to 3 times;
- **custom functions** \`{name, call, args}\`: answered with \`{"result": "<one line to say>"}\`.

Every request must carry a valid **X-Retell-Signature** (HMAC-SHA256 of the raw body and its timestamp with your Retell API key, at most 5 minutes old). Anything else gets 401 and never reaches HubSpot.

**Set up (in this order)**
1. n8n, **Sign with the Retell API key** node → *Credential* → create new (type *Crypto*): **Hmac Secret** = your Retell API key (Retell dashboard → **Settings** → **API Keys**; the key marked for webhooks). Leave the other fields empty.
2. The **Webhook**'s Path is a random ID (n8n makes one on import; if it is empty, paste a long random string).
3. Pick your *HubSpot Scheduling* service key on the HubSpot nodes; edit **Settings** (meeting link, time zone, phone country).
4. Publish and copy the Webhook's **Production URL**.
5. Retell → **Phone Numbers** → your number → **Inbound Call Webhook URL** = that URL.
6. Retell → your agent → **Functions** → *Add* → **Custom Function** for each tool below: URL = that URL, method POST, leave \`args_at_root\` **off**, timeout 20 s or more (each HubSpot step here answers within ${TOOL_SECONDS} s), and turn on *Speak During Execution*.`;

const FUNCTIONS_NOTE = `### Custom functions to create in Retell
${TOOL_LIST}

The caller's number is read from the signed \`call\` object: \`from_number\` on inbound calls, \`to_number\` on outbound ones (\`direction: outbound\`); web calls have none. With *args_at_root* on, Retell sends no \`call\` object: add \`?tool=<function name>\` to the URL; then get_slots and book work, and the caller-bound tools refuse politely.

${CALLER_RULES}`;

function retellReceptionist() {
	const wf = workflow(
		'retell-receptionist',
		'Retell receptionist and inbound caller context (HubSpot Scheduling)',
	);
	const hook = wf.add(webhook({ name: 'Webhook', position: [0, 400], rawBody: true }));
	const rawText = wf.add({
		...binaryAsText({ name: 'Raw body as text', position: [200, 400], into: 'rawBody' }),
		onError: 'continueRegularOutput',
	});
	const sign = wf.add({
		...hmacSha256({
			name: 'Sign with the Retell API key',
			position: [400, 400],
			value: `={{ ($json.rawBody ?? '') + ${SIGNED_AT} }}`,
			into: 'expectedSignature',
			credential: 'retellApiKey',
		}),
		onError: 'continueRegularOutput',
	});
	const signed = wf.add(
		ifTrue({
			name: 'Signed by Retell?',
			position: [600, 400],
			condition: `={{ ${SIGNED_AT} !== '' && typeof $json.expectedSignature === 'string' && ${SIGNED_DIGEST} === $json.expectedSignature && Math.abs($now.toMillis() - Number(${SIGNED_AT})) <= ${WINDOW_MS} }}`,
		}),
	);
	const refuse = wf.add(
		respond({
			name: 'Refuse unsigned requests',
			position: [820, 620],
			status: 401,
			body: "={{ { error: 'Missing, invalid or expired X-Retell-Signature' } }}",
		}),
	);
	const settings = wf.add(
		setFields({
			name: 'Settings',
			position: [820, 400],
			fields: settingsFields([
				['body', 'object', "={{ $('Webhook').item.json.body }}"],
				['query', 'object', "={{ $('Webhook').item.json.query }}"],
			]),
		}),
	);
	const kind = wf.add(
		switchOn({
			name: 'What did Retell send?',
			position: [1040, 400],
			rules: [['Inbound call', '={{ $json.body.event }}', 'equals', 'call_inbound']],
			fallback: 'Function call',
		}),
	);
	const read = wf.add(
		setFields({
			name: 'Read the function call',
			position: [1260, 420],
			fields: [
				['tool', 'string', "={{ $json.query.tool ?? $json.body.name ?? '' }}"],
				['args', 'object', '={{ $json.body.args ?? $json.body }}'],
				// The other party: from_number on inbound calls, to_number on outbound ones; web calls have none.
				[
					'callerPhone',
					'string',
					"={{ ($json.body.call?.direction === 'outbound' ? $json.body.call?.to_number : $json.body.call?.from_number) ?? '' }}",
				],
			],
		}),
	);
	const answer = wf.add(answerWithResult({ name: 'Answer the function', position: [1260, 200] }));
	const router = addToolRouting(wf, { origin: [1480, 40], answerNode: answer });
	const lookup = wf.add(
		callerLookup({
			position: [1260, -80],
			phone: "={{ $json.body.call_inbound?.from_number ?? '' }}",
		}),
	);
	const v = CALLER_VARIABLES;
	const answerInbound = wf.add(
		respond({
			name: 'Answer the inbound call',
			position: [1480, -80],
			body: `={{ { call_inbound: { dynamic_variables: { caller_known: ${v.known}, caller_name: ${v.fullName}, caller_first_name: ${v.firstName}, caller_email: ${v.email}, caller_context: ${v.context}, next_meeting: ${v.nextMeeting} } } } }}`,
		}),
	);
	wf.connect(hook, rawText);
	wf.connect(rawText, sign);
	wf.connect(sign, signed);
	wf.connect(signed, settings);
	wf.connect(signed, refuse, { output: 1 });
	wf.connect(settings, kind);
	wf.connect(kind, lookup, { output: 0 });
	wf.connect(kind, read, { output: 1 });
	wf.connect(lookup, answerInbound);
	wf.connect(read, router);

	wf.add(
		sticky({
			name: 'Sticky: overview',
			position: [-60, -640],
			width: 1000,
			height: 620,
			content: OVERVIEW,
			color: 4,
		}),
	);
	wf.add(
		sticky({
			name: 'Sticky: functions',
			position: [-60, 760],
			width: 1000,
			height: 460,
			content: FUNCTIONS_NOTE,
		}),
	);
	return wf.build();
}

module.exports = { retellReceptionist };
