import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { HubSpotClient } from '../../shared/transport/client';
import { credentialTypeFor } from '../../shared/transport/credentialTypes';
import type { AuthenticationMethod } from '../../shared/transport/credentialTypes';
import { paths } from '../../shared/transport/paths';
import { meetingLinksPageSchema } from '../../shared/transport/schemas';

/** Lets users pick a meeting link instead of typing its slug; HubSpot filters by name server-side. */
export async function searchMeetingLinks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter(
		'authentication',
		'serviceKey',
	) as AuthenticationMethod;
	const hubspot = await HubSpotClient.connect(this, credentialTypeFor(authentication));
	const page = await hubspot.request(
		{
			method: 'GET',
			path: paths.meetingLinks(),
			qs: {
				limit: 100,
				...(filter ? { name: filter } : {}),
				...(paginationToken ? { after: paginationToken } : {}),
			},
			what: 'list meeting links',
		},
		meetingLinksPageSchema,
	);
	return {
		results: page.results.map((link) => ({
			name: link.name ? `${link.name} (${link.slug})` : link.slug,
			value: link.slug,
			url: link.link ?? undefined,
		})),
		paginationToken: page.paging?.next?.after,
	};
}
