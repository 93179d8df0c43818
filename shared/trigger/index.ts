/** The trigger's core: options, state, the query plan and a poll over a narrow port. No n8n types. */
export { eventFor, readVersion, toItem, TriggerDataError, type ChangeEvent, type ChangeItem, type RecordVersion } from './events';
export {
	DEFAULT_LOOKBACK_MINUTES,
	DEFAULT_MARGIN_SECONDS,
	DEFAULT_MAX_PER_POLL,
	eventLabel,
	futureStart,
	MAX_LOOKBACK_MINUTES,
	MAX_MAX_PER_POLL,
	parseTriggerOptions,
	TriggerOptionError,
	type ChangeField,
	type CursorField,
	type ParseContext,
	type StartSetting,
	type TriggerEvent,
	type TriggerOptions,
	type TriggerOptionsInput,
} from './options';
export { applyPage, finishPoll, planPoll, startPoll, type ChangePage, type PollPlan, type PollProgress } from './poll';
export { runPoll, runTestEvent, STATE_PROPERTY, type ChangeSource, type PollOutcome, type RunSettings, type StateHolder } from './run';
export { firstPollSoql, longestScanSoql, scanSoql, testEventSoql, type ScanQuery } from './soql';
export {
	initialState,
	readState,
	RECORD_ID,
	seenSize,
	serialiseState,
	stateAtOrgTime,
	stateKey,
	storedGeneration,
	type Position,
	type StoredTriggerState,
	type TriggerState,
} from './state';
export { dateToSeconds, isoSeconds, parseIsoSeconds, parseSalesforceDateTime, type Seconds } from './time';
