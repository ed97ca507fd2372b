import { chunk, cursorPages } from '../../../nodes/shared/hubspot/paging';

function pagedList(pages: number[][]) {
	const asked: Array<string | undefined> = [];
	const fetchPage = async (after: string | undefined) => {
		asked.push(after);
		const index = after === undefined ? 0 : Number(after);
		const next = index + 1 < pages.length ? { next: { after: String(index + 1) } } : undefined;
		return { results: pages[index], ...(next ? { paging: next } : {}) };
	};
	return { asked, fetchPage };
}

describe('cursorPages', () => {
	it('follows paging.next.after until a page has none', async () => {
		const list = pagedList([[1, 2], [3], [4, 5]]);
		const seen: number[] = [];
		for await (const page of cursorPages(list.fetchPage)) seen.push(...page.results);
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		expect(list.asked).toEqual([undefined, '1', '2']);
	});

	it('asks for no further page once the caller stops', async () => {
		const list = pagedList([[1], [2], [3]]);
		for await (const page of cursorPages(list.fetchPage)) if (page.results.includes(2)) break;
		expect(list.asked).toEqual([undefined, '1']);
	});

	it('reads a single page once', async () => {
		const list = pagedList([[]]);
		let pages = 0;
		for await (const page of cursorPages(list.fetchPage)) pages += page.results.length + 1;
		expect(pages).toBe(1);
		expect(list.asked).toEqual([undefined]);
	});
});

describe('chunk', () => {
	it('cuts a list into batches of at most the given size', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 100)).toEqual([]);
	});
});
