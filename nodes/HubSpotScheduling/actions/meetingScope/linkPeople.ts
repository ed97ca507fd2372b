import type { HubSpotClient } from '../../../shared/transport/client';
import { ownersOfUsers } from '../../../shared/hubspot/owners';
import type { MeetingLink } from '../../../shared/hubspot/scheduler';
import { linkUserIds } from '../../../shared/hubspot/scheduler';

/**
 * The owner ids of a meeting link's organizer and members: a CRM meeting belongs to the link's
 * people when its hubspot_owner_id is one of them. HubSpot lists the link's users (user ids) in the
 * booking info; the owners API maps each to its owner id (one read per user, in parallel).
 */
export async function linkOwnerIds(
	hubspot: HubSpotClient,
	link: MeetingLink,
): Promise<Set<string>> {
	const owners = await ownersOfUsers(hubspot, linkUserIds(link));
	return new Set(owners.map((owner) => owner.ownerId));
}
