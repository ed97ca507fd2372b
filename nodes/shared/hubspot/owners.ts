import { z } from 'zod';

import type { HubSpotClient } from '../transport/client';
import { paths } from '../transport/paths';

/**
 * HubSpot names a person twice: a user id (scheduler: organizerUserId, link members) and an owner id
 * (CRM: hubspot_owner_id). The owners API maps one to the other.
 */
export interface Owner {
	ownerId: string;
	userId: string;
}

const ownerSchema = z
	.object({
		id: z.union([z.string(), z.number()]).transform(String),
		userId: z.union([z.string(), z.number()]).transform(String).nullish(),
	})
	.passthrough();

async function readOwner(
	hubspot: HubSpotClient,
	id: string,
	idProperty: 'id' | 'userId',
): Promise<Owner | null> {
	const owner = await hubspot.requestOrNull(
		{
			method: 'GET',
			path: paths.owner(id),
			qs: { idProperty },
			what: idProperty === 'id' ? `read owner ${id}` : `read the owner of user ${id}`,
		},
		ownerSchema,
	);
	if (!owner?.userId) return null;
	return { ownerId: owner.id, userId: owner.userId };
}

export async function ownerById(hubspot: HubSpotClient, ownerId: string): Promise<Owner | null> {
	return await readOwner(hubspot, ownerId, 'id');
}

export async function ownerOfUser(hubspot: HubSpotClient, userId: string): Promise<Owner | null> {
	return await readOwner(hubspot, userId, 'userId');
}

/** Owners of several users in parallel; users without an owner are left out. */
export async function ownersOfUsers(hubspot: HubSpotClient, userIds: string[]): Promise<Owner[]> {
	const owners = await Promise.all(
		[...new Set(userIds)].map(async (userId) => await ownerOfUser(hubspot, userId)),
	);
	return owners.filter((owner): owner is Owner => owner !== null);
}
