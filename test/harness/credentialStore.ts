import { deepCopy, type ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Decrypted credential data per credential type, e.g. `{ hubSpotSchedulingServiceKeyApi: { serviceKey, baseUrl } }`. */
export interface EngineCredentials {
	[credentialType: string]: Record<string, unknown>;
}

/**
 * Stands in for n8n's credentials table. One credential per type is enough for node tests,
 * so the credential id is the type name; copies go in and out so a node cannot mutate the
 * stored record behind the engine's back (n8n re-reads it from the database too).
 */
export class CredentialStore {
	private readonly records = new Map<string, ICredentialDataDecryptedObject>();

	constructor(initial: EngineCredentials) {
		for (const [type, data] of Object.entries(initial)) {
			this.records.set(type, deepCopy(data as ICredentialDataDecryptedObject));
		}
	}

	has(type: string): boolean {
		return this.records.has(type);
	}

	types(): string[] {
		return [...this.records.keys()];
	}

	read(type: string): ICredentialDataDecryptedObject {
		const record = this.records.get(type);
		if (record === undefined) {
			throw new Error(`The harness has no credential of type "${type}"; pass it in "credentials"`);
		}
		return deepCopy(record);
	}

	write(type: string, data: ICredentialDataDecryptedObject): void {
		this.records.set(type, deepCopy(data));
	}

	snapshot(): EngineCredentials {
		return Object.fromEntries([...this.records].map(([type, data]) => [type, deepCopy(data)]));
	}
}
