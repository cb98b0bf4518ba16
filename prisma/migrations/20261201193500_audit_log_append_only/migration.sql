-- Actions are named in the past tense: a reactivation was recorded as "person.active".
UPDATE "AuditEvent" SET "action" = 'person.reactivated' WHERE "action" = 'person.active';

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "relatedType" TEXT,
ADD COLUMN "relatedId" TEXT;

-- What earlier events concern besides their target: a membership's group, a bulk job's room change.
UPDATE "AuditEvent"
SET "relatedType" = 'group', "relatedId" = COALESCE("after" ->> 'groupId', "before" ->> 'groupId')
WHERE "action" IN ('membership.added', 'membership.removed');
UPDATE "AuditEvent"
SET "relatedType" = 'bulk-job', "relatedId" = "after" ->> 'bulkJobId'
WHERE "action" = 'room.access-updated' AND "after" ? 'bulkJobId';

-- DropIndex
DROP INDEX "AuditEvent_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_targetType_targetId_createdAt_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_id_idx" ON "AuditEvent"("actorId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_action_createdAt_id_idx" ON "AuditEvent"("actorId", "action", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_createdAt_id_idx" ON "AuditEvent"("targetType", "targetId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_relatedType_relatedId_createdAt_id_idx" ON "AuditEvent"("relatedType", "relatedId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_id_idx" ON "AuditEvent"("action", "createdAt" DESC, "id" DESC);

-- The audit log is append-only: no statement may change or remove events, whoever runs it
-- (the app connects as the table's owner, whom revoked privileges would not stop). A migration
-- that must correct history disables the trigger, says why, and enables it again.
CREATE FUNCTION "AuditEvent_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'The audit log is append-only: % on "AuditEvent" is refused', TG_OP
		USING ERRCODE = 'insufficient_privilege',
			HINT = 'Audit events are never changed or deleted; see docs/decisions/010-audit-log-append-only.md.';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_refuse_change"();
