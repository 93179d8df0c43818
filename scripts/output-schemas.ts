/**
 * Writes the action node's output schemas (nodes/SalesforceConnector/__schema__/v1.0.0/<resource>/<operation>.json)
 * from the operations' own `outputSchema`, for the editor to show output shapes before a run. `n8n-node build`
 * copies them to dist/. Run after changing an operation: ./dev schemas
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { outputSchemaFiles, SCHEMA_DIR, TRIGGER_SCHEMA_DIR } from '../test/harness/outputSchemas';

for (const dir of [SCHEMA_DIR, TRIGGER_SCHEMA_DIR]) rmSync(dir, { recursive: true, force: true });
for (const [file, text] of outputSchemaFiles()) {
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, text);
}
const count = (dir: string) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json')).length;
console.log(`wrote ${count(SCHEMA_DIR)} action schemas and ${count(TRIGGER_SCHEMA_DIR)} trigger schema`);
