/**
 * The org's daily API usage as both nodes report it: the action node in its execution hint, the trigger in its
 * per-poll log line. Above API_USAGE_WARNING_PERCENT of the daily limit both warn.
 */
import type { ApiUsage } from './types';

/** Above this share of the org's daily API requests (in %), the report is a warning. */
export const API_USAGE_WARNING_PERCENT = 80;

export const count = (n: number) => n.toLocaleString('en-US');

/** The share of the daily limit used, in %, one decimal; undefined without a known limit. */
export function usagePercent(usage: ApiUsage | undefined): number | undefined {
	if (!usage || usage.max <= 0) return undefined;
	return Math.round((usage.used / usage.max) * 1000) / 10;
}

/** "the org has used 13 of its 100,000 daily API requests (0.0%)" */
export function dailyUsageText(usage: ApiUsage, percent: number): string {
	return `the org has used ${count(usage.used)} of its ${count(usage.max)} daily API requests (${percent.toFixed(1)}%)`;
}

export const aboveWarning = (percent: number | undefined): percent is number => percent !== undefined && percent > API_USAGE_WARNING_PERCENT;

/** What the warning adds: what happens at the limit. */
export const LIMIT_WARNING = `above ${API_USAGE_WARNING_PERCENT}% of the daily limit. When the limit is reached, every call fails with REQUEST_LIMIT_EXCEEDED; Salesforce counts requests over a rolling 24 hours.`;
