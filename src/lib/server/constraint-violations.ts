// The one place where a unique or foreign-key violation becomes the domain error that explains it.
// withTransaction applies it to every transaction, so each writer gets the same answer for the
// same rule, races included: whichever write loses gets the error, never a raw Prisma one.
import {
	AlreadyRequested,
	EmailTaken,
	GroupIdTaken,
	GroupNotFound,
	LoginAlreadyLinked,
	MembershipChanged,
	PersonNotFound
} from './domain-errors';

/**
 * Each constraint a user's action can break, by its PostgreSQL name (prisma/migrations). Others
 * (cuid keys, rows a transaction writes together) cannot be broken by input: they stay errors.
 */
const errorsByConstraint = new Map<string, () => Error>([
	['Person_email_key', () => new EmailTaken()],
	['Group_pkey', () => new GroupIdTaken()],
	['GroupMembership_pkey', () => new MembershipChanged()],
	['GroupMembership_personId_fkey', () => new PersonNotFound()],
	['GroupMembership_groupId_fkey', () => new GroupNotFound()],
	['AccessRequest_one_pending_key', () => new AlreadyRequested()],
	['AccessRequest_personId_fkey', () => new PersonNotFound()],
	['Account_pkey', () => new LoginAlreadyLinked()],
	['Account_personId_fkey', () => new PersonNotFound()]
]);

/** An update or delete of a row that is gone (P2025), by model. */
const errorsByMissingModel = new Map<string, () => Error>([
	['Person', () => new PersonNotFound()],
	['Group', () => new GroupNotFound()]
]);

type PrismaFailure = {
	code?: unknown;
	meta?: {
		modelName?: unknown;
		/** Where Prisma's driver adapter (adapter-pg) reports what PostgreSQL said. */
		driverAdapterError?: { cause?: { kind?: unknown; constraint?: { index?: unknown } } };
	};
};

/**
 * The domain error for a failed statement, or undefined when it is not a violation users can
 * cause. Reads the constraint name rather than the Prisma code, so raw queries (P2010) map too.
 */
export function domainErrorFor(error: unknown): Error | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { code, meta } = error as PrismaFailure;
	const cause = meta?.driverAdapterError?.cause;
	if (cause?.kind === 'UniqueConstraintViolation' || cause?.kind === 'ForeignKeyConstraintViolation') {
		const name = cause.constraint?.index;
		return typeof name === 'string' ? errorsByConstraint.get(name)?.() : undefined;
	}
	if (code === 'P2025' && typeof meta?.modelName === 'string') {
		return errorsByMissingModel.get(meta.modelName)?.();
	}
	return undefined;
}
