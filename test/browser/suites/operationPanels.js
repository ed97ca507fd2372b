'use strict';

const assert = require('node:assert/strict');
const path = require('node:path');

const { DateTime } = require('luxon');

const { LINK, sandboxState } = require('../../../scripts/demo/conversation');
const { freeSlots, isoInZone } = require('../../../scripts/demo/expectedAnswers');

const NODE = 'HubSpot Scheduling';
const GUEST = { fullName: 'Ada Lovelace', email: 'ada@lovelace.test' };
/** The sandbox's meeting links as the picker lists them: "name (slug)". */
const LINK_NAMES = [
	'Product Demo (alex-demo)',
	'AI Booked Call (team/ai-booked-call)',
	'Weekend Support Consult (busy-only)',
	'Callback with Morgan (offline-rep)',
	'Onboarding Session (no-guests)',
	'Consultation (EU) (alex-consent-implicit)',
	'Consultation (consent required) (alex-consent-checkbox)',
];

/** Parameters each operation shows; every other operation's own fields must stay hidden. */
const FIELDS = {
	getSlots: ['meetingLink', 'timeZone', 'duration', 'startDate', 'daysAhead', 'maxSlots', 'output'],
	book: [
		'meetingLink',
		'startTime',
		'timeZone',
		'email',
		'fullName',
		'firstName',
		'lastName',
		'phone',
		'method',
	],
	cancel: [
		'startTime',
		'email',
		'phone',
		'defaultCountry',
		'meetingLink',
		'meetingId',
		'timeZone',
		'cancelMode',
		'ifNotFound',
	],
	reschedule: ['meetingLink', 'email', 'currentStartTime', 'newStartTime', 'timeZone', 'method'],
	lookupContact: ['lookupBy', 'phone', 'defaultCountry', 'maxMeetings', 'timeZone'],
};
const ALL_FIELDS = [...new Set(Object.values(FIELDS).flat())];

/** Asserts the panel shows exactly the operation's own fields among all the node's operation fields. */
async function assertOnlyOwnFields(editor, operation) {
	const shown = [];
	for (const name of ALL_FIELDS) {
		if (await editor.parameter(name).isVisible()) shown.push(name);
	}
	assert.deepEqual(shown.sort(), [...FIELDS[operation]].sort(), `fields shown for ${operation}`);
}

/** A day two or more days ahead with two free slots far enough apart to stay free after one is booked. */
async function chooseDay(sandbox) {
	const today = DateTime.now().setZone(LINK.zone).startOf('day');
	for (let offset = 2; offset < 21; offset++) {
		const day = today.plus({ days: offset });
		const { durationMs, starts } = await freeSlots(sandbox, {
			slug: LINK.slug,
			zone: LINK.zone,
			fromMs: day.toMillis(),
			toMs: day.plus({ days: 1 }).toMillis(),
		});
		const second = starts.find((ms) => ms >= starts[0] + durationMs + 30 * 60_000);
		if (second !== undefined) return { day, first: starts[0], second };
	}
	throw new Error(`no day in the next three weeks with two free slots on ${LINK.slug}`);
}

async function operationPanelTests(t, { editor, stack, credentials, screenshotDir }) {
	t.describe('HubSpot Scheduling: each operation configured by clicking, run with "Execute step"');
	await stack.sandboxControl.reset();
	const plan = await chooseDay(stack.sandbox);
	const first = isoInZone(plan.first, LINK.zone);
	const second = isoInZone(plan.second, LINK.zone);
	const credentialName = credentials.serviceKey.name;
	const shoot = (name) => editor.page.screenshot({ path: path.join(screenshotDir, name) });

	/** New workflow, the action from the node panel, the sandbox credential picked by name. */
	const addAction = async (action) => {
		await editor.newWorkflow();
		await editor.addManualTrigger();
		await editor.addAction(NODE, action);
		await editor.pickCredential(credentialName);
		// The canvas names the chosen action under the node (its subtitle), not the operation's value.
		await editor.canvasNode(NODE).getByText(action, { exact: true }).waitFor();
	};

	await t.test('the node panel shows HubSpot Scheduling with its five actions', async () => {
		await editor.newWorkflow();
		await editor.addManualTrigger();
		await editor.openNodeInPanel(NODE);
		const actions = editor.byId('node-creator-item-name');
		await editor.waitForListItems(actions, [
			'Book a meeting',
			'Cancel a meeting',
			'Get free slots',
			'Look up a contact',
			'Reschedule a meeting',
		]);
		// n8n shows the webhook trigger's description for the merged entry: it must describe the actions too.
		await editor.page
			.getByText(/^Find free times on HubSpot meeting links, book, cancel or move/)
			.waitFor();
		assert.equal(await editor.page.getByText(/^Starts the workflow when/).count(), 0);
		await shoot('n8n-editor-hubspot-scheduling.png');
		await editor.page.keyboard.press('Escape');
	});

	await t.test(
		'Get free slots: meeting-link list, search, fields, Execute step, the slots',
		async () => {
			await addAction('Get free slots');
			await assertOnlyOwnFields(editor, 'getSlots');
			await editor.waitForListItems(await editor.openMeetingLinkList(), LINK_NAMES);
			const found = await editor.openMeetingLinkList({ search: 'Demo' });
			await editor.waitForListItems(found, ['Product Demo (alex-demo)']);
			await found.first().click();
			await editor.fill('timeZone', LINK.zone);
			await editor.fill('startDate', plan.day.toISODate());
			await editor.fill('maxSlots', '3');
			await editor.executeStep();
			const output = await editor.outputJsonText(first);
			assert.match(output, /"speech":/);
			assert.ok(output.includes(`"meetingLink": "${LINK.slug}"`), output);
			await shoot('operation-get-slots.png');
		},
	);

	await t.test('Book a meeting: the first free slot for a new guest', async () => {
		await addAction('Book a meeting');
		await assertOnlyOwnFields(editor, 'book');
		// The hint under Start Time says how it is usually filled: an expression from Get Slots.
		await editor
			.parameterHint(
				'Usually an expression: a start from Get Slots, such as {{ $json.slots[0].start }}',
			)
			.waitFor();
		const found = await editor.openMeetingLinkList({ search: 'Product' });
		await found.filter({ hasText: 'Product Demo (alex-demo)' }).first().click();
		await editor.fill('startTime', first);
		await editor.fill('timeZone', LINK.zone);
		await editor.fill('email', GUEST.email);
		await editor.fill('fullName', GUEST.fullName);
		await editor.executeStep();
		const output = await editor.outputJsonText('"booked": true');
		assert.ok(output.includes(`"email": "${GUEST.email}"`), output);
		assert.ok(output.includes(`"start": "${first}"`), output);
		const state = await sandboxState(stack.sandbox);
		assert.equal(state.bookings.length, 1);
		await shoot('operation-book.png');
	});

	await t.test('Reschedule a meeting: the booking moves to the second slot', async () => {
		await addAction('Reschedule a meeting');
		await assertOnlyOwnFields(editor, 'reschedule');
		const listed = await editor.openMeetingLinkList();
		await listed.filter({ hasText: 'Product Demo (alex-demo)' }).first().click();
		await editor.fill('email', GUEST.email);
		await editor.fill('currentStartTime', first);
		await editor.fill('newStartTime', second);
		await editor.fill('timeZone', LINK.zone);
		await editor.executeStep();
		const output = await editor.outputJsonText('"rescheduled": true');
		assert.ok(output.includes(`"start": "${second}"`), output);
		await shoot('operation-reschedule.png');
	});

	await t.test('Cancel a meeting: the moved booking, by start time and email', async () => {
		await addAction('Cancel a meeting');
		await assertOnlyOwnFields(editor, 'cancel');
		await editor.fill('startTime', second);
		await editor.fill('email', GUEST.email);
		await editor.fill('timeZone', LINK.zone);
		await editor.executeStep();
		const output = await editor.outputJsonText('"cancelled": true');
		// The speech claims only what the API documents: the CRM meeting, not the calendar event.
		assert.match(output, /I've cancelled your meeting on .* in our system\./);
		assert.match(output, /"crmMeeting": "archived"/);
		await shoot('operation-cancel.png');
	});

	await t.test('Look up a contact: a caller ID in a local format finds Jane Doe', async () => {
		await addAction('Look up a contact');
		await assertOnlyOwnFields(editor, 'lookupContact');
		await editor
			.parameterHint(
				"For a voice agent, an expression with the caller ID from the platform's request",
			)
			.waitFor();
		// The same label as Cancel's field and Book's option of the same name.
		await editor.ndv().getByText('Default Phone Country', { exact: true }).waitFor();
		await editor.fill('phone', '(415) 555-0100');
		await editor.executeStep();
		const output = await editor.outputJsonText('"found": true');
		assert.ok(output.includes('jane.doe@acme-corp.test'), output);
		await shoot('operation-lookup-contact.png');
	});

	await t.test(
		'Look up a contact: "Look Up By" Email swaps the phone fields for the email field',
		async () => {
			await editor.chooseOption('lookupBy', 'Email');
			assert.equal(await editor.parameter('phone').isVisible(), false);
			assert.equal(await editor.parameter('defaultCountry').isVisible(), false);
			assert.equal(await editor.parameter('email').isVisible(), true);
		},
	);

	await t.test("a wrong value shows the node's own error text in the output panel", async () => {
		await addAction('Book a meeting');
		const listed = await editor.openMeetingLinkList();
		await listed.filter({ hasText: 'Product Demo (alex-demo)' }).first().click();
		await editor.fill('startTime', first);
		await editor.fill('email', 'ada-at-lovelace');
		await editor.fill('fullName', GUEST.fullName);
		await editor.executeStep();
		const error = await editor.outputError();
		assert.match(error, /^Invalid Email/);
		const details = await editor.outputPanel().innerText();
		assert.match(details, /Nothing was sent to HubSpot for this item/);
		await shoot('operation-error.png');
	});
}

module.exports = { operationPanelTests };
