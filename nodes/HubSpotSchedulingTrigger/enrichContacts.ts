import type { HubSpotClient } from '../shared/transport/client';
import { paths } from '../shared/transport/paths';
import { batchReadSchema } from '../shared/transport/schemas';
import type { PropertyValues } from '../shared/trigger/contactSummary';

/** HubSpot's batch endpoints take at most 100 ids; a delivery carries fewer than 100 events. */
const BATCH_LIMIT = 100;

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
	const unique = [...new Set(contactIds)];
	const found = new Map<string, PropertyValues>();
	for (let start = 0; start < unique.length; start += BATCH_LIMIT) {
		const ids = unique.slice(start, start + BATCH_LIMIT);
		const response = await client.request(
			{
				method: 'POST',
				path: paths.contactsBatchRead(),
				body: { inputs: ids.map((id) => ({ id })), properties },
				// Reading is safe to repeat after a server error.
				kind: 'read',
				what: `read ${ids.length === 1 ? 'the new contact' : `${ids.length} new contacts`}`,
			},
			batchReadSchema,
		);
		for (const record of response.results) found.set(record.id, record.properties);
	}
	return found;
}
