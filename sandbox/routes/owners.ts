/**
 * GET /crm/owners/{version}/{ownerId}?idProperty=id|userId (spec: PublicOwner). The fixture's users
 * are the portal's owners; each has a user id and an owner id.
 */
import type { SandboxContext } from '../context';
import type { FixtureUser } from '../fixtureSchema';
import { HubSpotError, validationError } from '../errors';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { OWNERS_READ } from '../scopes';

function publicOwner(user: FixtureUser) {
	return {
		id: user.ownerId,
		email: user.email,
		firstName: user.firstName,
		lastName: user.lastName,
		userId: Number(user.userId),
		userIdIncludingInactive: Number(user.userId),
		type: 'PERSON',
		archived: false,
		createdAt: '2026-01-01T00:00:00.000Z',
		updatedAt: '2026-01-01T00:00:00.000Z',
	};
}

function getOwner(req: ApiRequest, ctx: SandboxContext): ApiResponse {
	const idProperty = req.query.get('idProperty') ?? 'id';
	if (idProperty !== 'id' && idProperty !== 'userId')
		throw validationError(`idProperty must be id or userId; got ${idProperty}`);
	const id = req.params.ownerId;
	const user = idProperty === 'userId' ? ctx.state.users.get(id) : ctx.state.userByOwnerId(id);
	if (!user) {
		throw new HubSpotError(404, {
			message: `No owner found for ${idProperty} ${id}`,
			category: 'OBJECT_NOT_FOUND',
		});
	}
	return { status: 200, body: publicOwner(user) };
}

export const ownerRoutes: Route[] = [
	'/crm/v3/owners',
	'/crm/owners/2026-03',
	'/crm/owners/2026-09',
].map(
	(prefix): Route => ({
		method: 'GET',
		path: `${prefix}/:ownerId`,
		kind: 'api',
		auth: OWNERS_READ,
		handle: getOwner,
	}),
);
