/** POST /crm/v3/objects/{contacts|meetings}/search. Meetings also answer the `associations.contact` pseudo-property. */
import type { SandboxContext } from '../context';
import type { ObjectType } from '../crmRecords';
import type { ApiRequest, ApiResponse, Route } from '../router';
import { CONTACTS_READ } from '../scopes';
import { type VirtualValues, runSearch } from '../searchEngine';
import { parseSearchRequest } from '../searchRequest';
import { CRM_PREFIXES } from './crmShared';

function searchHandler(objectType: ObjectType) {
	return (req: ApiRequest, ctx: SandboxContext): ApiResponse => {
		const request = parseSearchRequest(req.rawBody, req.body);
		const records =
			objectType === 'contacts' ? ctx.state.contacts.values() : ctx.state.meetings.values();
		const virtual: VirtualValues =
			objectType === 'meetings'
				? (record) => ({ 'associations.contact': ctx.state.associations.contactsOf(record.id) })
				: (record) => ({ 'associations.meeting': ctx.state.associations.meetingsOf(record.id) });
		return { status: 200, body: runSearch(records, objectType, request, ctx.now(), virtual) };
	};
}

export const searchRoutes: Route[] = CRM_PREFIXES.flatMap((prefix): Route[] => [
	{
		method: 'POST',
		path: `${prefix}/contacts/search`,
		kind: 'search',
		auth: CONTACTS_READ,
		handle: searchHandler('contacts'),
	},
	{
		method: 'POST',
		path: `${prefix}/meetings/search`,
		kind: 'search',
		auth: CONTACTS_READ,
		handle: searchHandler('meetings'),
	},
]);
