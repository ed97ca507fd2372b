import type { HubSpotClient } from '../shared/transport/client';
import { batchReadContacts } from '../shared/hubspot/contacts';
import type { PropertyValues } from '../shared/trigger/contactSummary';

/**
 * One batch read per delivery instead of one call per contact: the webhook must answer within
 * HubSpot's 5 seconds, and calls count against the account's rate limit.
 * Contacts HubSpot does not return (deleted in the meantime) are simply absent from the map.
 */
export async function readContacts(
	client: HubSpotClient,
	contactIds: string[],
	properties: string[],
): Promise<Map<string, PropertyValues>> {
	const records = await batchReadContacts(client, contactIds, {
		properties,
		what: (count) => `read ${count === 1 ? 'the new contact' : `${count} new contacts`}`,
	});
	return new Map(records.map((record) => [record.id, record.properties]));
}
