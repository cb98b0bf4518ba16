-- Counters now keep when their window ends, so expired rows can be found and deleted. The old
-- fixed-window counts are dropped: at worst an attacker's current window starts afresh.
DELETE FROM "RateLimit";
ALTER TABLE "RateLimit" DROP COLUMN "windowStart";
ALTER TABLE "RateLimit" ADD COLUMN "expiresAt" TIMESTAMP(3) NOT NULL;
CREATE INDEX "RateLimit_expiresAt_idx" ON "RateLimit"("expiresAt");
