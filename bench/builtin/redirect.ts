import path from 'node:path';

/**
 * n8n's built-in HubSpot node calls https://api.hubapi.com with no way to change the host. In the
 * benchmark process, an axios request interceptor (axios is what n8n-core sends requests with)
 * points those calls at the sandbox, or at the v1 shim for the legacy endpoints the sandbox does not
 * serve, and records each one: that record is the built-in flow's call count.
 */

const HUBSPOT = 'https://api.hubapi.com';
const LEGACY_PREFIXES = ['/contacts/v1/', '/engagements/v1/'];

interface AxiosConfig {
	url?: string;
	method?: string;
}
interface AxiosModule {
	interceptors: {
		request: {
			use(handler: (config: AxiosConfig) => AxiosConfig): number;
			eject(id: number): void;
		};
	};
}

export interface BuiltInCall {
	method: string;
	path: string;
}

export class HubSpotRedirect {
	readonly calls: BuiltInCall[] = [];
	private readonly axios: AxiosModule;
	private readonly interceptorId: number;

	constructor(
		private readonly sandboxUrl: string,
		private readonly shimUrl: string,
	) {
		const coreDir = path.resolve(path.dirname(require.resolve('n8n-core')), '..');
		const network = require.resolve('@n8n/backend-network', { paths: [coreDir] });
		this.axios = require(
			require.resolve('axios', { paths: [path.dirname(network)] }),
		) as AxiosModule;
		this.interceptorId = this.axios.interceptors.request.use((config) => this.redirect(config));
	}

	private redirect(config: AxiosConfig): AxiosConfig {
		if (!config.url?.startsWith(HUBSPOT)) return config;
		const rest = config.url.slice(HUBSPOT.length);
		const pathOnly = rest.split('?')[0];
		this.calls.push({ method: (config.method ?? 'get').toUpperCase(), path: pathOnly });
		const target = LEGACY_PREFIXES.some((prefix) => pathOnly.startsWith(prefix))
			? this.shimUrl
			: this.sandboxUrl;
		return { ...config, url: `${target}${rest}` };
	}

	take(): BuiltInCall[] {
		return this.calls.splice(0, this.calls.length);
	}

	close(): void {
		this.axios.interceptors.request.eject(this.interceptorId);
	}
}
