import type { Sandbox } from '../../../sandbox/server';
import type { CaptureLedger } from './ledger';

/**
 * Every secret the sandbox knows or handed out: service keys, the app's client secret (which also
 * signs webhooks) and developer key, and each OAuth access and refresh token issued. A reset drops
 * issued tokens, so they are collected after every run, not only at the end.
 */
export class SecretRegistry {
	private readonly secrets = new Set<string>();

	collect(sandbox: Sandbox): void {
		const { fixture } = sandbox.state;
		for (const key of fixture.serviceKeys) this.secrets.add(key.token);
		this.secrets.add(fixture.app.clientSecret);
		this.secrets.add(fixture.app.developerApiKey);
		for (const token of sandbox.state.accessTokens.keys()) this.secrets.add(token);
		for (const token of sandbox.state.refreshTokens.keys()) this.secrets.add(token);
	}

	add(secret: string): void {
		this.secrets.add(secret);
	}

	get size(): number {
		return this.secrets.size;
	}

	/** Leaks as "source: abcd… (n chars)", so a failing scan does not print the secret itself. */
	leaksIn(ledger: CaptureLedger): string[] {
		return ledger
			.leaksOf(this.secrets)
			.map(({ source, secret }) => `${source}: ${secret.slice(0, 4)}… (${secret.length} chars)`);
	}
}
