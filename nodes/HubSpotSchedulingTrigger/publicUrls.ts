/**
 * HubSpot's v2 and v3 signatures cover the full URL HubSpot called. Behind a reverse proxy n8n sees
 * another host, scheme or path, so without an override the signature is checked against n8n's own
 * webhook URLs and the URL rebuilt from the proxy's X-Forwarded-* headers. Those headers come from
 * the request, so they only ever name where a delivery says it went; with the Public Webhook URL
 * set, that URL alone counts and nothing the request claims about itself can widen it.
 */

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface ReceivedRequest {
	headers: RequestHeaders;
	/** Path and query exactly as received, e.g. "/webhook/abc/hubspot-contact-created?x=1". */
	originalUrl: string;
	/** Scheme n8n saw on its own socket ("http" behind most proxies). */
	protocol?: string;
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
	const configured = sources.nodeUrls
		.map((url) => url?.trim())
		.filter((url): url is string => url !== undefined && url !== '')
		.map((url) => withQuery(url, query));
	const rebuilt = [forwardedUrl(request), directUrl(request)].filter(
		(url): url is string => url !== undefined,
	);
	return [...new Set([...configured, ...rebuilt])];
}

/** HubSpot signs the URL it called, query included, so a received query is always part of it. */
function withQuery(url: string, query: string): string {
	return query === '' || url.includes('?') ? url : `${url}?${query}`;
}

function queryOf(originalUrl: string): string {
	const index = originalUrl.indexOf('?');
	return index === -1 ? '' : originalUrl.slice(index + 1);
}

function forwardedUrl(request: ReceivedRequest): string | undefined {
	const standard = parseForwardedHeader(firstHeader(request.headers.forwarded));
	const proto = firstListValue(request.headers['x-forwarded-proto']) ?? standard.proto;
	const host = firstListValue(request.headers['x-forwarded-host']) ?? standard.host;
	if (host === undefined) return undefined;
	const scheme = proto ?? request.protocol ?? 'https';
	const port = firstListValue(request.headers['x-forwarded-port']);
	const hostWithPort =
		port && !host.includes(':') && !isDefaultPort(scheme, port) ? `${host}:${port}` : host;
	const prefix = (firstListValue(request.headers['x-forwarded-prefix']) ?? '').replace(/\/+$/, '');
	return `${scheme}://${hostWithPort}${prefix}${request.originalUrl}`;
}

function directUrl(request: ReceivedRequest): string | undefined {
	const host = firstHeader(request.headers.host);
	if (host === undefined) return undefined;
	return `${request.protocol ?? 'http'}://${host}${request.originalUrl}`;
}

function isDefaultPort(scheme: string, port: string): boolean {
	return (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
}

function firstHeader(value: string | string[] | undefined): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** Proxy chains append ("https, http"); the first entry is what the client (HubSpot) used. */
function firstListValue(value: string | string[] | undefined): string | undefined {
	const header = firstHeader(value);
	const first = header?.split(',')[0]?.trim();
	return first === undefined || first === '' ? undefined : first;
}

/** RFC 7239: `Forwarded: for=1.2.3.4;proto=https;host=example.com` (first hop only). */
function parseForwardedHeader(value: string | undefined): { proto?: string; host?: string } {
	const firstHop = value?.split(',')[0] ?? '';
	const result: { proto?: string; host?: string } = {};
	for (const pair of firstHop.split(';')) {
		const [rawKey, ...rest] = pair.split('=');
		const key = rawKey?.trim().toLowerCase();
		const raw = rest
			.join('=')
			.trim()
			.replace(/^"(.*)"$/, '$1');
		if (raw === '') continue;
		if (key === 'proto') result.proto = raw;
		if (key === 'host') result.host = raw;
	}
	return result;
}
