/** The shipped output schemas match the operations' own (run scripts/output-schemas.ts after changing one). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { outputSchemaFiles, SCHEMA_DIR, TRIGGER_SCHEMA_DIR } from '../harness/outputSchemas';

describe('output schemas under __schema__', () => {
	const expected = outputSchemaFiles();

	it('one file per resource and operation, each as the operation declares it', () => {
		for (const [file, text] of expected) {
			expect(existsSync(file) ? readFileSync(file, 'utf8') : `missing ${path.relative(SCHEMA_DIR, file)}`).toBe(text);
		}
	});

	it('no stale files', () => {
		const onDisk = [SCHEMA_DIR, TRIGGER_SCHEMA_DIR]
			.flatMap((dir) => readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))))
			.filter((f) => f.endsWith('.json'))
			.sort();
		expect(onDisk).toEqual(expected.map(([f]) => f).sort());
	});

	it('static Get by ID lists the object’s catalogue fields; writes list id and success', () => {
		const get = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'account', 'get.json'), 'utf8')) as { properties: Record<string, { type: unknown }> };
		expect(get.properties.Name.type).toEqual(['string', 'null']);
		expect(get.properties.NumberOfEmployees.type).toEqual(['number', 'null']);
		const create = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'record', 'create.json'), 'utf8')) as { required: string[] };
		expect(create.required).toEqual(['id', 'success']);
	});
});
