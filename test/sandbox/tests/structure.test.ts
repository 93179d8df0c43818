/**
 * How the sandbox org is built, for whoever maintains it: it imports no product code (its schemas are its own
 * data), one persistence format round-trips the whole org, and the default users come from one place.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import * as admin from '../admin-client';
import { DEFAULT_USER, DEFAULT_USERS } from '../org';
import { startSandbox } from '../server';

const SANDBOX_DIR = join(__dirname, '..');
const V = '/services/data/v66.0';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

describe('the sandbox is self-contained', () => {
	it('imports nothing from the product (nodes/, shared/, credentials/)', () => {
		const offenders: string[] = [];
		for (const file of sourceFiles(SANDBOX_DIR)) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) {
				const target = m[1];
				if (!target.startsWith('.')) continue;
				const resolved = relative(join(SANDBOX_DIR, '..', '..'), join(file, '..', target));
				if (/^(nodes|shared|credentials)(\/|$)/.test(resolved)) offenders.push(`${relative(SANDBOX_DIR, file)} -> ${target}`);
			}
		}
		expect(offenders).toEqual([]);
	});
});

describe('the default users', () => {
	it('are the seeded User records, in different time zones and locales, and can all log in', async () => {
		const sb = await startSandbox({ port: 0 });
		try {
			expect(DEFAULT_USER).toBe(DEFAULT_USERS[0]);
			expect(new Set(DEFAULT_USERS.map((u) => u.timeZone)).size).toBe(DEFAULT_USERS.length);
			expect(new Set(DEFAULT_USERS.map((u) => u.locale)).size).toBe(DEFAULT_USERS.length);
			for (const u of DEFAULT_USERS) {
				const token = await admin.browserLogin(sb.url, { username: u.username, password: u.password });
				const q = `SELECT Username, TimeZoneSidKey, LocaleSidKey FROM User WHERE Id = '${u.id}'`;
				const res = await fetch(`${sb.url}${V}/query?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token.access_token}` } });
				const rec = ((await res.json()) as { records: Array<Record<string, unknown>> }).records[0];
				expect(rec).toMatchObject({ Username: u.username, TimeZoneSidKey: u.timeZone, LocaleSidKey: u.locale });
			}
			// the seed's records belong to the default user
			const token = (await admin.clientCredentialsToken(sb.url)).access_token;
			const res = await fetch(`${sb.url}${V}/query?q=${encodeURIComponent('SELECT CreatedById FROM Account LIMIT 1')}`, { headers: { authorization: `Bearer ${token}` } });
			expect(((await res.json()) as { records: Array<{ CreatedById: string }> }).records[0].CreatedById).toBe(DEFAULT_USER.id);
		} finally {
			await sb.close();
		}
	});
});

describe('persistence', () => {
	it('writes one format (version 2) that restores records, late writes, clock and usage', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
		const dataFile = join(dir, 'org.json');
		try {
			const one = await startSandbox({ port: 0, seed: false, dataFile });
			const { ids } = await admin.load(one.url, 'Account', [{ Name: 'Kept' }, { Name: 'Later' }]);
			await admin.setClock(one.url, { skewMs: 86_400_000 });
			await admin.lateUpdate(one.url, 'Account', ids[1], { Name: 'Changed' }, 3_600_000);
			await admin.setLimits(one.url, { used: 42 });
			await one.close();
			const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as { version: number; store: { version: number; records: unknown[] } };
			expect([saved.version, saved.store.version]).toEqual([2, 2]);
			const two = await startSandbox({ port: 0, seed: false, dataFile });
			try {
				expect((await admin.getClock(two.url)).offsetMs).toBe(86_400_000);
				expect((await admin.call<{ used: number }>(two.url, 'GET', 'limits')).used).toBe(42);
				expect(two.org.store.get(ids[0])?.Name).toBe('Kept');
				expect(two.org.store.get(ids[1])?.Name).toBe('Later');
				expect(two.org.store.pendingRecords('Account').map((r) => r.Name)).toEqual(['Changed']);
			} finally {
				await two.close();
			}
			// a file in another format is refused rather than half-loaded
			writeFileSync(dataFile, JSON.stringify({ store: { version: 1, entries: [] } }));
			await expect(startSandbox({ port: 0, dataFile })).rejects.toThrow(/format/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
