/** Voice platforms break on line breaks in tool results (Vapi shows "No result returned"). */
export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export function joinSpoken(items: string[], conjunction = 'or'): string {
	if (items.length <= 1) return items.join('');
	if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
	return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`;
}
