/**
 * `./dev bench [section ...]` (or BENCH_ONLY=reads,trigger): runs the chosen sections of BENCHMARKS.md, all of them
 * without a choice (writes, reads, trigger, files), and replaces each one there as it finishes, keeping the others.
 */
import { log, SECTIONS, writeSection, type Section } from './common';
import { filesSection } from './files.bench';
import { readsSection } from './reads.bench';
import { writesSection } from './records.bench';
import { triggerSection } from './trigger.bench';

const RUN: Record<Section, () => Promise<string>> = { writes: writesSection, reads: readsSection, trigger: triggerSection, files: filesSection };

async function main(): Promise<void> {
	const asked = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ?? '').split(',')].map((s) => s.trim()).filter(Boolean);
	const unknown = asked.filter((s) => !(SECTIONS as readonly string[]).includes(s));
	if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);
	const chosen = asked.length ? SECTIONS.filter((s) => asked.includes(s)) : [...SECTIONS];
	for (const section of chosen) {
		log(`== ${section}`);
		writeSection(section, await RUN[section]());
		log(`== ${section}: written to BENCHMARKS.md`);
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
		process.exit(1);
	},
);
