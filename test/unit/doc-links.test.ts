/** Every documentation link the nodes and credentials show in n8n points at a heading the README has. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

const anchors = new Set(README.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));

function linksIn(dir: string, pattern: RegExp): string[] {
	return readdirSync(path.join(ROOT, dir), { recursive: true })
		.map(String)
		.filter((f) => pattern.test(f))
		.flatMap((f) => Array.from(readFileSync(path.join(ROOT, dir, f), 'utf8').matchAll(/n8n-nodes-salesforce-connector#([a-z0-9-]+)/g), (m) => m[1]));
}

it('codex and credential documentation anchors exist in the README', () => {
	const links = [...linksIn('nodes', /\.node\.json$/), ...linksIn('credentials', /\.ts$/)];
	expect(links.length).toBeGreaterThanOrEqual(4);
	for (const anchor of links) expect(anchors.has(anchor) ? anchor : `missing #${anchor}`).toBe(anchor);
});
