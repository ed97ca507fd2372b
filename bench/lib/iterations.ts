/** BENCH_QUICK=1 runs every group with few repetitions, to check the benchmark itself quickly. */
export function repetitions(full: number, quick = 3): number {
	return process.env.BENCH_QUICK === '1' ? Math.min(full, quick) : full;
}
