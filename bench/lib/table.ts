/** Prints a fixed-width table to stdout; numbers right-aligned, text left-aligned. */
export function printTable(
	title: string,
	headers: string[],
	rows: Array<Array<string | number>>,
): void {
	const cells = [
		headers,
		...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell))),
	];
	const widths = headers.map((_, column) =>
		Math.max(...cells.map((row) => String(row[column] ?? '').length)),
	);
	const line = (row: Array<string | number>) =>
		row
			.map((cell, column) => {
				const text = String(cell ?? '');
				return typeof rows[0]?.[column] === 'number'
					? text.padStart(widths[column])
					: text.padEnd(widths[column]);
			})
			.join('  ');
	console.log(`\n${title}`);
	console.log(line(headers));
	console.log(widths.map((width) => '-'.repeat(width)).join('  '));
	for (const row of cells.slice(1)) console.log(line(row));
}

function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return '–';
	return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
