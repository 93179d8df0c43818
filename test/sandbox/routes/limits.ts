/** `GET /services/data/` (versions, no auth), `GET /services/data/vXX.X` (resources) and `/limits`. */
import type { FastifyInstance } from 'fastify';

import { SUPPORTED_API_VERSIONS } from '../errors';
import { bulkState } from '../bulk/jobs';
import { apiVersionFromParams, type Org } from '../org';

/** Release names for the label field of the versions list (Salesforce labels each version by release). */
function releaseLabel(version: string): string {
	const major = Number(version.split('.')[0]);
	// v20 = Winter '11, v21 = Spring '11, v22 = Summer '11, v23 = Winter '12, ...
	const idx = major - 20;
	const seasons = ['Winter', 'Spring', 'Summer'];
	const season = seasons[idx % 3];
	const year = 11 + Math.floor(idx / 3);
	return `${season} '${String(year).padStart(2, '0')}`;
}

export function registerLimitsRoutes(app: FastifyInstance, org: Org): void {
	app.get('/services/data', async (_request, reply) => {
		return reply.send(
			SUPPORTED_API_VERSIONS.map((v) => ({ label: releaseLabel(v), url: `/services/data/v${v}`, version: v })),
		);
	});

	app.get('/services/data/:version', async (request) => {
		const v = apiVersionFromParams(request.params);
		const base = `/services/data/v${v}`;
		// Only what the sandbox serves (no search, recent, tooling or connect resources); jobs = Bulk API 2.0
		const resources = ['sobjects', 'query', 'queryAll', 'composite', 'limits', 'named-credentials', 'jobs'];
		const out: Record<string, string> = Object.fromEntries(resources.map((r) => [r, `${base}/${r}`]));
		// jsforce's identity() reads this to find the identity URL
		if (request.sfSession) out.identity = org.identityUrl(request.sfSession.userId);
		return out;
	});

	app.get('/services/data/:version/limits', async (request) => {
		apiVersionFromParams(request.params);
		const { used, max } = org.apiUsage;
		const limit = (Max: number, used = 0) => ({ Max, Remaining: Math.max(0, Max - used) });
		// Bulk API 2.0 allocations move as jobs run ("Bulk API and Bulk API 2.0 Limits and Allocations")
		const bulk = bulkState(org).allocations;
		const storageUsedMB = Math.ceil(bulk.queryFileStorageMB.usedBytes / (1024 * 1024));
		return {
			ConcurrentAsyncGetReportInstances: limit(200),
			ConcurrentSyncReportRuns: limit(20),
			DailyApiRequests: limit(max, used),
			DailyAsyncApexExecutions: limit(250000),
			DailyBulkApiBatches: limit(bulk.batches.max, bulk.batches.used),
			DailyBulkV2QueryFileStorageMB: limit(bulk.queryFileStorageMB.max, storageUsedMB),
			DailyBulkV2QueryJobs: limit(bulk.queryJobs.max, bulk.queryJobs.used),
			DailyStreamingApiEvents: limit(1000000),
			DataStorageMB: limit(1024, 12),
			FileStorageMB: limit(2048, 3),
			HourlyODataCallout: limit(10000),
			HourlyTimeBasedWorkflow: limit(1000),
			SingleEmail: limit(5000),
		};
	});
}
