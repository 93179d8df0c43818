/**
 * Connect REST named-credential resources (API v56.0+): the named credential setup list and detail and the
 * external credential detail with its principals, their authentication status and principal access.
 */
import type { FastifyInstance } from 'fastify';

import { SfError } from '../errors';
import { apiVersionFromParams, type ExternalCredentialSetup, type NamedCredentialSetup, type Org } from '../org';

const NOT_FOUND = () => new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');

function version(params: unknown): string {
	const v = apiVersionFromParams(params);
	if (Number(v) < 56) throw NOT_FOUND();
	return v;
}

function ncUrl(v: string, name: string): string {
	return `/services/data/v${v}/named-credentials/named-credential-setup/${encodeURIComponent(name)}`;
}

function ecUrl(v: string, name: string): string {
	return `/services/data/v${v}/named-credentials/external-credentials/${encodeURIComponent(name)}`;
}

export function namedCredentialBody(org: Org, v: string, nc: NamedCredentialSetup): Record<string, unknown> {
	const externals = nc.externalCredentials
		.map((name) => org.namedCredentials.externalCredentials.find((e) => e.developerName === name))
		.filter((e): e is ExternalCredentialSetup => e !== undefined);
	return {
		calloutOptions: {
			allowMergeFieldsInBody: nc.allowMergeFieldsInBody,
			allowMergeFieldsInHeader: nc.allowMergeFieldsInHeader,
			generateAuthorizationHeader: nc.generateAuthorizationHeader,
		},
		calloutUrl: nc.calloutUrl,
		customHeaders: [],
		developerName: nc.developerName,
		externalCredentials: externals.map((e) => ({ developerName: e.developerName, id: e.id, masterLabel: e.masterLabel, url: ecUrl(v, e.developerName) })),
		id: nc.id,
		masterLabel: nc.masterLabel,
		parameters: [],
		type: nc.type,
		url: ncUrl(v, nc.developerName),
	};
}

export function externalCredentialBody(org: Org, v: string, ec: ExternalCredentialSetup): Record<string, unknown> {
	const state = org.namedCredentials;
	const principals = [...ec.principals]
		.sort((a, b) => a.sequenceNumber - b.sequenceNumber)
		.map((p) => ({
			authenticationStatus: p.authenticationStatus,
			id: p.id,
			parameters: [],
			principalAccess: p.permissionSets
				.map((name) => state.permissionSets.find((ps) => ps.name === name))
				.filter((ps) => ps !== undefined)
				.map((ps) => ({ developerName: ps.name, id: ps.id, type: 'PermissionSet' })),
			principalName: p.principalName,
			principalType: p.principalType,
			sequenceNumber: p.sequenceNumber,
		}));
	// The credential counts as configured once it has principals and every one of them is authenticated
	const configured = ec.principals.length > 0 && ec.principals.every((p) => p.authenticationStatus === 'Configured');
	return {
		authenticationProtocol: ec.authenticationProtocol,
		authenticationProtocolVariant: ec.authenticationProtocolVariant ?? null,
		authenticationStatus: configured ? 'Configured' : 'NotConfigured',
		customHeaders: [],
		developerName: ec.developerName,
		id: ec.id,
		masterLabel: ec.masterLabel,
		parameters: [],
		principals,
		relatedNamedCredentials: state.namedCredentials
			.filter((nc) => nc.externalCredentials.includes(ec.developerName))
			.map((nc) => ({ developerName: nc.developerName, id: nc.id, masterLabel: nc.masterLabel, url: ncUrl(v, nc.developerName) })),
		url: ecUrl(v, ec.developerName),
	};
}

export function registerNamedCredentialRoutes(app: FastifyInstance, org: Org): void {
	const base = '/services/data/:version/named-credentials';

	app.get(`${base}/named-credential-setup`, async (request) => {
		const v = version(request.params);
		return {
			namedCredentials: [...org.namedCredentials.namedCredentials]
				.sort((a, b) => a.developerName.localeCompare(b.developerName))
				.map((nc) => namedCredentialBody(org, v, nc)),
			url: `/services/data/v${v}/named-credentials/named-credential-setup`,
		};
	});

	app.get(`${base}/named-credential-setup/:developerName`, async (request) => {
		const v = version(request.params);
		const { developerName } = request.params as { developerName: string };
		const nc = org.namedCredentials.namedCredentials.find((x) => x.developerName === developerName);
		if (!nc) throw NOT_FOUND();
		return namedCredentialBody(org, v, nc);
	});

	app.get(`${base}/external-credentials`, async (request) => {
		const v = version(request.params);
		return {
			externalCredentials: [...org.namedCredentials.externalCredentials]
				.sort((a, b) => a.developerName.localeCompare(b.developerName))
				.map((ec) => externalCredentialBody(org, v, ec)),
			url: `/services/data/v${v}/named-credentials/external-credentials`,
		};
	});

	app.get(`${base}/external-credentials/:developerName`, async (request) => {
		const v = version(request.params);
		const { developerName } = request.params as { developerName: string };
		const ec = org.namedCredentials.externalCredentials.find((x) => x.developerName === developerName);
		if (!ec) throw NOT_FOUND();
		return externalCredentialBody(org, v, ec);
	});
}
