/**
 * HubSpot's cursor paging, written once: a list or search answers `paging.next.after`, which goes
 * back as `after` for the next page. The caller decides when to stop (a result cap, a time budget)
 * by leaving the loop; the generator then makes no further request.
 */
export interface CursorPage {
	paging?: { next?: { after: string } } | null;
}

export async function* cursorPages<P extends CursorPage>(
	fetchPage: (after: string | undefined) => Promise<P>,
): AsyncGenerator<P, void, undefined> {
	let after: string | undefined;
	do {
		const page = await fetchPage(after);
		yield page;
		after = nextCursor(page);
	} while (after !== undefined);
}

export function nextCursor(page: CursorPage): string | undefined {
	return page.paging?.next?.after;
}

/** HubSpot's batch endpoints take at most 100 inputs a call. */
export const BATCH_LIMIT = 100;

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let index = 0; index < values.length; index += size)
		chunks.push(values.slice(index, index + size));
	return chunks;
}
