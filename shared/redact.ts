/** Strips anything that looks like a token or a secret from text we did not write ourselves. */
export function redact(text: string, secrets: string[] = []): string {
	let out = text;
	for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('***');
	return out
		.replace(/Bearer\s+[A-Za-z0-9!._\-~+/=]+/g, 'Bearer ***')
		.replace(/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, '***')
		.replace(/(access_token|refresh_token|client_secret|assertion|code_verifier)=([^&\s"]+)/g, '$1=***')
		.replace(/("(?:access_token|refresh_token|client_secret|assertion)"\s*:\s*")[^"]*"/g, '$1***"');
}
