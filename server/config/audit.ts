/**
 * The settings of the audit log of moderation (issue 19, item 6): who may
 * read it besides moderators. Parsed here, hooked into server/config.ts;
 * documented in docs/operations.md ("Audit log of moderation"). How long
 * entries are kept is the retention's setting (PLAZA_RETENTION_AUDIT).
 */
export interface AuditOptions {
  /**
   * Directory ids that are auditors in every mode: they read the audit log
   * (`GET /moderation/audit`) and cannot moderate. Spelt as PLAZA_MODERATORS.
   */
  auditors: string[];
  /** `oidc`: a role or group in the token's roles claims that makes its holder an auditor. */
  oidcAuditorRole?: string;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = { auditors: [] };

/** The file keys (plaza.config.json) of these settings, for server/config-file.ts. */
export const AUDIT_CONFIG_KEYS = {
  auditors: { env: 'PLAZA_AUDITORS', kind: 'list' },
  oidcAuditorRole: { env: 'PLAZA_OIDC_AUDITOR_ROLE', kind: 'string' },
} as const;

/** Unset variables stay undefined, so the defaults apply. */
export function auditOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<AuditOptions> {
  const auditors = env.PLAZA_AUDITORS?.split(',').map((id) => id.trim()).filter(Boolean);
  return {
    auditors: auditors?.length ? auditors : undefined,
    oidcAuditorRole: env.PLAZA_OIDC_AUDITOR_ROLE?.trim() || undefined,
  };
}
