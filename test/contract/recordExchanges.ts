/**
 * jest setup (setupFilesAfterEnv): in the operation, trigger and integration tests, every exchange
 * between the package and the sandbox is checked against the contract description
 * (test/contract/description). A test whose traffic leaves it fails in its afterEach with the
 * endpoint, the side (our request or the sandbox's answer), the field and the reason.
 *
 * The package's requests are told from the test's own direct calls (fetch, to arrange or inspect
 * the sandbox) by their user agent: undici's fetch says "node", n8n's HTTP client (axios) does not.
 * The sandbox's answers are checked for both.
 */
import { setExchangeListener, type ApiExchange } from '../../sandbox/exchangeTap';
import {
	checkExchange,
	describeViolations,
	separatePending,
	type Violation,
} from './checkExchange';

const CHECKED_SUITES = /[\\/]test[\\/](operations|trigger|integration)[\\/]/;

export function isTestOwnCall(exchange: Pick<ApiExchange, 'userAgent'>): boolean {
	return exchange.userAgent === 'node' || exchange.userAgent.startsWith('undici');
}

const testPath = expect.getState().testPath ?? '';

function failOn(violations: Violation[]): void {
	const { failures } = separatePending(violations);
	if (failures.length > 0) {
		throw new Error(
			`HubSpot contract (test/contract/description) broken by this test's traffic:\n${describeViolations(failures)}`,
		);
	}
}

if (CHECKED_SUITES.test(testPath)) {
	// Listening from the start also catches traffic of beforeAll hooks; it is judged with the first test.
	let violations: Violation[] = [];
	setExchangeListener((exchange) => {
		violations.push(...checkExchange(exchange, { checkRequest: !isTestOwnCall(exchange) }));
	});
	const takeViolations = () => violations.splice(0, violations.length);
	afterEach(() => failOn(takeViolations()));
	afterAll(() => {
		setExchangeListener(undefined);
		failOn(takeViolations());
	});
}
