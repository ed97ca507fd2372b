import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	callWindowFor,
	describeContact,
	readContactOutputSettings,
} from '../shared/trigger/contactOutput';
import type { ContactOutputSettings } from '../shared/trigger/contactOutput';
import { HubSpotClient, systemClock } from '../shared/transport/client';
import type { ClientOptions } from '../shared/transport/client';
import { credentialTypeFor } from '../shared/transport/credentialTypes';
import type { AuthenticationMethod } from '../shared/transport/credentialTypes';
import {
	advancePollState,
	initialPollState,
	readPollState,
	searchLowerBoundMs,
} from './pollCursor';
import { searchCreatedSince, searchNewest } from './searchNewContacts';
import type { FoundContact } from './searchNewContacts';

/** Static data kept in memory between polls is bounded; 5,000 ids are about 100 kB of JSON. */
const MAX_REMEMBERED_CONTACTS = 5_000;
/** Leave time to hand the items over before n8n's poll budget runs out. */
const BUDGET_SHARE_FOR_SEARCH = 0.6;

export async function pollNewContacts(
	this: IPollFunctions,
	clientOptions: ClientOptions = {},
): Promise<INodeExecutionData[][] | null> {
	const clock = clientOptions.clock ?? systemClock;
	const startedMs = clock.now();
	const settings = readContactOutputSettings(this);
	const authentication = this.getNodeParameter('authentication') as AuthenticationMethod;
	const client = await HubSpotClient.connect(
		this,
		credentialTypeFor(authentication),
		clientOptions,
	);

	// "Fetch Test Event" in the editor: show the newest contact so fields can be mapped; no cursor change.
	if (this.getMode() === 'manual') {
		const newest = await searchNewest(client, settings.properties);
		return newest ? [[toItem(newest, settings, clock.now())]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const state = readPollState(staticData.pollState);
	if (state === undefined) {
		// First activation: start from now instead of emitting the account's whole history.
		staticData.pollState = initialPollState(startedMs);
		return null;
	}

	const lagMs = Number(this.getNodeParameter('indexLagSeconds', 120)) * 1000;
	const budgetMs = pollBudgetMs(this);
	const search = await searchCreatedSince(
		client,
		searchLowerBoundMs(state, lagMs),
		settings.properties,
		{
			outOfTime: () => clock.now() - startedMs > budgetMs * BUDGET_SHARE_FOR_SEARCH,
		},
	);
	if (!search.complete) {
		this.logger.info(
			'HubSpot Scheduling Polling Trigger stopped early; the next poll continues from here',
			{
				pages: search.pages,
				contacts: search.contacts.length,
			},
		);
	}

	const { fresh, next } = advancePollState(state, search.contacts, {
		lagMs,
		maxSeen: MAX_REMEMBERED_CONTACTS,
	});
	// Assigned, not mutated, so n8n notices the change and saves it.
	staticData.pollState = next;
	if (fresh.length === 0) return null;
	const nowMs = clock.now();
	return [fresh.map((contact) => toItem(contact, settings, nowMs))];
}

function pollBudgetMs(ctx: IPollFunctions): number {
	// Older n8n versions have no poll budget; n8n's own default is five minutes.
	return typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : 5 * 60_000;
}

function toItem(
	found: FoundContact,
	settings: ContactOutputSettings,
	nowMs: number,
): INodeExecutionData {
	const contact = describeContact(found.id, found.properties, settings);
	return {
		json: {
			contactId: found.id,
			createdAt: new Date(found.createdAtMs).toISOString(),
			source: 'poll',
			contact,
			...(settings.callWindow
				? { callWindow: callWindowFor(settings.callWindow, contact, nowMs) }
				: {}),
		},
	};
}
