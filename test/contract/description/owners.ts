import { z } from 'zod';

import { isoDateTime, numericId, queryBoolean } from './common';

/**
 * CRM owners 2026-09 (`CRM/Crm Owners/Rollouts/146888/2026-09/crmOwners.json`):
 * `GET /crm/owners/2026-09/{ownerId}`, read by owner id or, with `idProperty=userId`, by user id.
 */

export const ownerQuery = z
	.object({
		idProperty: z.enum(['id', 'userId']).optional(),
		archived: queryBoolean.optional(),
	})
	.strict();

/** `PublicTeam`. */
const publicTeam = z.object({ id: z.string(), name: z.string(), primary: z.boolean() }).strict();

/** `PublicOwner`: required archived, createdAt, id, type, updatedAt; user ids are integers. */
export const publicOwner = z
	.object({
		id: numericId,
		type: z.enum(['PERSON', 'QUEUE']),
		archived: z.boolean(),
		createdAt: isoDateTime,
		updatedAt: isoDateTime,
		email: z.string().optional(),
		firstName: z.string().optional(),
		lastName: z.string().optional(),
		userId: z.number().int().nonnegative().optional(),
		userIdIncludingInactive: z.number().int().nonnegative().optional(),
		teams: z.array(publicTeam).optional(),
	})
	.strict();
