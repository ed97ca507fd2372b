/**
 * Text that voice platforms read aloud: Vapi shows "No result returned" for a result with line
 * breaks, and lists must sound like a person saying them.
 */

export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** "A", "A or B", "A, B, or C" (serial comma, as US English speakers read lists). */
export function joinSpoken(items: string[], conjunction = 'or'): string {
	const words = items.map(oneLine).filter((item) => item !== '');
	if (words.length <= 1) return words.join('');
	if (words.length === 2) return `${words[0]} ${conjunction} ${words[1]}`;
	return `${words.slice(0, -1).join(', ')}, ${conjunction} ${words[words.length - 1]}`;
}

/** Echoes user input inside an error sentence: on one line, in quotes, cut short if long. */
export function quoteInput(text: string, maxLength = 60): string {
	const line = oneLine(text);
	const cut = line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
	return `“${cut}”`;
}
