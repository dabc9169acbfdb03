/** A launch we refuse. `code` is shown to the user (with a translated explanation) and logged. */
export class LaunchRefused extends Error {
  constructor(
    public readonly code: string,
    public readonly detail?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** ltijs reports failures as bare strings; turn them into our reason codes. */
export function fromLtijsError(message: string | undefined): string {
  const m = (message ?? '').toUpperCase();
  if (m.includes('MISSING_VALIDATION_COOKIE')) return 'COOKIES_BLOCKED';
  if (m.includes('NO_LTIK_OR_IDTOKEN_FOUND')) return 'MISSING_ID_TOKEN';
  if (m.includes('NONCE_ALREADY_RECEIVED')) return 'REPLAYED_TOKEN';
  if (m.includes('ISS_CLAIM_DOES_NOT_MATCH')) return 'ISS_MISMATCH';
  if (m.includes('UNREGISTERED_PLATFORM')) return 'UNKNOWN_PLATFORM';
  if (m.includes('PLATFORM_NOT_ACTIVATED')) return 'PLATFORM_INACTIVE';
  if (m.includes('AZP')) return 'AZP_MISMATCH';
  if (m.includes('TOKEN_TOO_OLD') || m.includes('JWT EXPIRED')) return 'TOKEN_EXPIRED';
  if (m.includes('KID') || m.includes('KEY_NOT_FOUND')) return 'UNKNOWN_KID';
  if (m.includes('ALG')) return 'BAD_ALGORITHM';
  if (m.includes('SIGNATURE')) return 'BAD_SIGNATURE';
  if (m.includes('NO_') || m.includes('MISSING') || m.includes('CLAIM') || m.includes('VERSION') || m.includes('MESSAGE_TYPE'))
    return 'INVALID_CLAIMS';
  return 'INVALID_LAUNCH';
}
