import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { auditSearch, type AuditQuery, type AuditTarget } from './audit-query';

/** A link to the audit log filtered as `query` says. */
export function auditHref(query: Partial<AuditQuery>): ResolvedPathname {
	const search = auditSearch(query);
	return search ? resolve(`/audit?${search}`) : resolve('/audit');
}

/** The history of one person, group or room: every event about it, newest first. */
export function historyHref(target: AuditTarget): ResolvedPathname {
	return auditHref({ target });
}
