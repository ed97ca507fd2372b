/**
 * HubSpot's v2 and v3 signatures cover the full URL HubSpot called. The node checks them against
 * the URL n8n itself reports for this trigger (its production URL, which honours WEBHOOK_URL /
 * N8N_WEBHOOK_URL, and on a test run the test URL it serves), or against Options → Public Webhook
 * URL when that is set. Host, X-Forwarded-* and Forwarded come from the request, so whoever sends it
 * could name any host there and sign for that: they are never used. Only the query string is taken
 * from the request, because HubSpot signs the query it sent and the signature covers it.
 */

export interface ReceivedRequest {
	/** Path and query exactly as received, e.g. "/webhook/abc/hubspot-contact-created?x=1". */
	originalUrl: string;
}

export interface UrlSources {
	publicUrlOverride?: string;
	/** n8n's production URL and, on a test run, the test URL actually served. */
	nodeUrls: Array<string | undefined>;
}

export function candidateUris(request: ReceivedRequest, sources: UrlSources): string[] {
	const query = queryOf(request.originalUrl);
	const override = sources.publicUrlOverride?.trim();
	if (override) return [withQuery(override, query)];
	const reported = sources.nodeUrls
		.map((url) => url?.trim())
		.filter((url): url is string => url !== undefined && url !== '')
		.map((url) => withQuery(url, query));
	return [...new Set(reported)];
}

/** HubSpot signs the URL it called, query included, so a received query is always part of it. */
function withQuery(url: string, query: string): string {
	return query === '' || url.includes('?') ? url : `${url}?${query}`;
}

function queryOf(originalUrl: string): string {
	const index = originalUrl.indexOf('?');
	return index === -1 ? '' : originalUrl.slice(index + 1);
}
