/**
 * Time sources. The sandbox's notion of "now" is injectable so tests can pin dates (DST days, token
 * expiry, index lag); real waiting (latency, webhook retries) always uses wall-clock timers.
 */

export type Now = () => number;

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
