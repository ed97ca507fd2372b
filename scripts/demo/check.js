'use strict';

const { callerRecord, callerVariables } = require('./expectedAnswers');
const {
	CALLER,
	LINK,
	finalStateProblems,
	planConversation,
	playConversation,
	postJson,
	sandboxState,
} = require('./conversation');
const { CALL_STARTS } = require('./platformRequests');

const UNKNOWN_CALLER = '+12125550123';

/**
 * `npm run demo -- --check`: what a voice platform would do during one call, against the running
 * templates, printing what the caller would hear. Returns the number of failed steps.
 */
async function runCheck({ n8nUrl, sandbox, access, print = console.log }) {
	let failures = 0;
	const verdict = (ok) => (ok ? 'ok' : 'FAILED');

	print("\nCall start: each platform asks for the caller's context");
	const state = await sandboxState(sandbox);
	const known = callerRecord(state, { email: CALLER.email, zone: LINK.zone, nowMs: Date.now() });
	const callStarts = [
		['vapi', CALLER.phone, known],
		['retell', CALLER.phone, known],
		['elevenlabs', UNKNOWN_CALLER, undefined],
	];
	for (const [platform, callerPhone, record] of callStarts) {
		const { label, request, variables } = CALL_STARTS[platform];
		const sent = request({ callerPhone }, access);
		const { status, body } = await postJson(`${n8nUrl}/webhook/${sent.path}`, sent);
		const expected = callerVariables(record, platform);
		const got = variables(body);
		const ok = status === 200 && JSON.stringify(got) === JSON.stringify(expected);
		if (!ok) failures++;
		const context = got?.callerContext ?? got?.caller_context;
		print(
			`  ${label}, caller ${callerPhone}: HTTP ${status}, context "${context}" [${verdict(ok)}]`,
		);
		if (!ok)
			print(`    expected variables ${JSON.stringify(expected)}\n    got ${JSON.stringify(body)}`);
	}

	print(
		`\nThe call (Vapi receptionist): ${CALLER.fullName} from ${CALLER.phone} books on "${LINK.slug}"`,
	);
	const plan = await planConversation(sandbox);
	const results = await playConversation({
		n8nUrl,
		plan,
		platform: 'vapi-arguments',
		access,
		onStep: ({ step, status, heard, ok }) => {
			print(`  ${step.name}: ${step.tool} ${JSON.stringify(step.args)}`);
			print(`    caller hears: "${heard}" (HTTP ${status}) [${verdict(ok)}]`);
			if (!ok) print(`    expected:     "${step.expected}"`);
		},
	});
	failures += results.filter((result) => !result.ok).length;

	const problems = await finalStateProblems(sandbox, plan);
	print(
		`\nHubSpot afterwards: ${problems.length === 0 ? 'one contact, the booking moved and then cancelled, earlier meetings untouched [ok]' : 'FAILED'}`,
	);
	for (const problem of problems) print(`  - ${problem}`);
	return failures + problems.length;
}

module.exports = { runCheck };
