// n8n's community-node lint config (@n8n/node-cli), unchanged except for ONE documented exception:
// jsforce is a runtime dependency (the user's choice), which n8n's verification forbids. See README "Lint exception".
import { config } from '@n8n/node-cli/eslint';

export default [
	// .e2e/ and .demo/ hold n8n installs and user folders (gitignored), never lint input
	{ ignores: ['test/**', 'bench/**', 'scripts/**', '.toolchain/**', '.e2e/**', '.demo/**', 'coverage/**', 'jest.config.js', 'index.js'] },
	...config,
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// The Salesforce client is the only module that imports jsforce (and, for Bulk API CSV, csv-parse/csv-stringify)
		files: ['shared/client/client.ts', 'shared/client/transport.ts', 'shared/client/bulk.ts'],
		rules: { '@n8n/community-nodes/no-restricted-imports': 'off' },
	},
];
